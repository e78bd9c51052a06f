import { isObject } from "../../spec/json.js";
import type { RepairedSpec } from "../../spec/pipeline.js";
import { childPointer } from "../../spec/pointer.js";
import { eachOperation } from "../../spec/walk.js";
import { GeneratorError, named } from "../errors.js";
import { modelName } from "../../spec/naming.js";
import { checkNames } from "./check-names.js";
import { operationModel } from "./operation.js";
import { readWriteFacts } from "./read-write.js";
import { shareParameters } from "./shared-parameters.js";
import { checkTypeCycles } from "./type-cycles.js";
import type { ApiModel, OperationModel, SchemaModel } from "./types.js";

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Turns a repaired spec into the plain, sorted, collision-checked model every emitter reads:
 * operations by namespace then operationId, schemas by name, namespaces by name.
 */
export function buildModel(spec: RepairedSpec): ApiModel {
  const { doc, file } = spec;
  const facts = readWriteFacts(doc);
  const built: OperationModel[] = [];
  eachOperation(doc, (operation, site) =>
    built.push(operationModel(doc, operation, site, facts, file)),
  );
  built.sort((a, b) => byText(a.namespace, b.namespace) || byText(a.operationId, b.operationId));

  const schemas: SchemaModel[] = [];
  const components = isObject(doc.components) ? doc.components.schemas : undefined;
  if (components !== undefined && !isObject(components)) {
    throw new GeneratorError("components/schemas must be a mapping", {
      file,
      pointer: "#/components/schemas",
    });
  }
  for (const name of Object.keys(components ?? {}).sort(byText)) {
    const schema = components![name];
    const pointer = childPointer("#/components/schemas", name);
    if (!isObject(schema) && typeof schema !== "boolean") {
      throw new GeneratorError(`schema ${name} is neither a Schema Object nor a boolean`, {
        file,
        pointer,
      });
    }
    schemas.push({
      name,
      typeName: named(() => modelName(name), file, pointer),
      ...(isObject(schema) && typeof schema.description === "string"
        ? { description: schema.description }
        : {}),
      deprecated: isObject(schema) && schema.deprecated === true,
      marked: facts.marked.has(name),
      pointer,
    });
  }
  checkNames(built, schemas, file);
  checkTypeCycles(components ?? {}, file);
  const { operations, shared } = shareParameters(built, file);

  const tagDocs = new Map<string, string>();
  for (const tag of Array.isArray(doc.tags) ? doc.tags : []) {
    if (isObject(tag) && typeof tag.name === "string" && typeof tag.description === "string")
      tagDocs.set(tag.name, tag.description);
  }
  const namespaces = [...new Map(operations.map((op) => [op.namespace, op.tag]))]
    .map(([namespace, tag]) => ({
      namespace,
      tag,
      ...(tagDocs.has(tag) ? { description: tagDocs.get(tag)! } : {}),
    }))
    .sort((a, b) => byText(a.namespace, b.namespace));
  const info = isObject(doc.info) ? doc.info : {};
  return {
    specSha256: spec.sha256,
    openapi: doc.openapi,
    ...(typeof info.title === "string" ? { title: info.title } : {}),
    ...(typeof info.version === "string" ? { version: info.version } : {}),
    operations,
    schemas,
    sharedParameters: shared,
    namespaces,
    views: {
      read: [...facts.differs.read].sort(byText),
      write: [...facts.differs.write].sort(byText),
    },
  };
}
