import { GeneratorError } from "../errors.js";
import { tagFileName } from "../emit/tag-file.js";
import { isIdentifier } from "../emit/ts-syntax.js";
import type { OperationModel, SchemaModel } from "./types.js";

/**
 * Names the generated code binds itself (client.ts, index.ts, operation files); a namespace,
 * method or model may not take one. Namespaces are also bindings (`import * as apps`), so they
 * must be identifiers.
 */
export const RESERVED_BINDINGS: ReadonlySet<string> = new Set([
  "operations",
  "info",
  "createNamespaces",
  "paths",
  "components",
  "schema",
  "Client",
  "OperationInit",
  "OperationInfo",
  "Operation",
  "FetchResultLike",
  "CallOptions",
  "AcceptOption",
  "Invoke",
  "AdminNamespaces",
  "mergeHeaders",
  "multipartBody",
  "multipartBoundary",
  "formDataBody",
  "Readable",
  "Writable",
  // Imported by every tag file and re-exported by index.ts.
  "sendOperation",
  "FetchResult",
  "OperationClient",
]);

/**
 * Refuses every ambiguity instead of resolving it silently: two operations with one operationId,
 * two operations (or an alias) on one method name in a namespace, two tags on one namespace, two
 * schemas on one model name, or a name the generated code already binds. Each error names both
 * parties with their JSON pointers.
 */
export function checkNames(
  operations: readonly OperationModel[],
  schemas: readonly SchemaModel[],
  file?: string,
): void {
  const label = (op: OperationModel) =>
    `${op.operationId} (${op.method} ${op.path}, ${op.pointer})`;
  const byId = new Map<string, OperationModel>();
  const byMethod = new Map<string, OperationModel>();
  const tagOf = new Map<string, OperationModel>();
  const byFile = new Map<string, OperationModel>();
  for (const op of operations) {
    const sameId = byId.get(op.operationId);
    if (sameId) {
      throw new GeneratorError(`duplicate operationId: ${label(sameId)} and ${label(op)}`, {
        file,
        pointer: op.pointer,
      });
    }
    byId.set(op.operationId, op);
    const otherTag = tagOf.get(op.namespace);
    if (otherTag && otherTag.tag !== op.tag) {
      throw new GeneratorError(
        `tags "${otherTag.tag}" (${label(otherTag)}) and "${op.tag}" (${label(op)}) both map to namespace "${op.namespace}"`,
        { file, pointer: op.pointer },
      );
    }
    tagOf.set(op.namespace, op);
    if (!otherTag) checkTagFile(op, byFile, label, file);
    if (!isIdentifier(op.namespace) || RESERVED_BINDINGS.has(op.namespace)) {
      throw new GeneratorError(
        `tag "${op.tag}" gives namespace "${op.namespace}", which the generated code cannot bind`,
        {
          file,
          pointer: op.pointer,
        },
      );
    }
    if (RESERVED_BINDINGS.has(op.name)) {
      throw new GeneratorError(
        `${label(op)} gives method name "${op.name}", which the generated code already binds`,
        {
          file,
          pointer: op.pointer,
        },
      );
    }
    // The operation's descriptor is named by its type stem (`ListApplications`) in its tag file.
    if (RESERVED_BINDINGS.has(op.typeStem)) {
      throw new GeneratorError(
        `${label(op)} gives descriptor name "${op.typeStem}", which the generated code already binds`,
        { file, pointer: op.pointer },
      );
    }
    // A name starting with `_` or `$` has no capital to tell its descriptor from its function.
    if (op.typeStem === op.name) {
      throw new GeneratorError(
        `${label(op)} gives descriptor name "${op.typeStem}", the same as its method's; an ` +
          "operationId must start with a letter",
        { file, pointer: op.pointer },
      );
    }
    for (const name of [op.name, op.deprecatedAlias]) {
      if (name === undefined) continue;
      const key = `${op.namespace}.${name}`;
      const other = byMethod.get(key);
      if (other) {
        throw new GeneratorError(
          `name collision: ${label(other)} and ${label(op)} both become ${key}`,
          {
            file,
            pointer: op.pointer,
          },
        );
      }
      byMethod.set(key, op);
    }
  }
  const byType = new Map<string, SchemaModel>();
  for (const schema of schemas) {
    const other = byType.get(schema.typeName);
    if (other) {
      throw new GeneratorError(
        `name collision: schemas ${other.pointer} and ${schema.pointer} both become model ${schema.typeName}`,
        { file, pointer: schema.pointer },
      );
    }
    if (RESERVED_BINDINGS.has(schema.typeName)) {
      throw new GeneratorError(
        `schema ${schema.name} would shadow the generated export ${schema.typeName}`,
        {
          file,
          pointer: schema.pointer,
        },
      );
    }
    byType.set(schema.typeName, schema);
  }
}

/** Longest file name (bytes) common file systems accept. */
const MAX_FILE_NAME = 255;

/**
 * Each namespace gets its own tag file, whose name is lower-cased (so it is one file on a
 * case-insensitive file system too): two namespaces on one name would silently lose one of them,
 * and a name too long for the file system would fail the write.
 */
function checkTagFile(
  op: OperationModel,
  byFile: Map<string, OperationModel>,
  label: (op: OperationModel) => string,
  file: string | undefined,
): void {
  const name = tagFileName(op.namespace);
  const other = byFile.get(name);
  if (other) {
    throw new GeneratorError(
      `tags "${other.tag}" (${label(other)}) and "${op.tag}" (${label(op)}) give namespaces ` +
        `"${other.namespace}" and "${op.namespace}", which share the file ${name}`,
      { file, pointer: op.pointer },
    );
  }
  const bytes = Buffer.byteLength(name.slice(name.lastIndexOf("/") + 1));
  if (bytes > MAX_FILE_NAME) {
    throw new GeneratorError(
      `tag "${op.tag.slice(0, 40)}…" gives a file name of ${bytes} bytes; file systems allow ${MAX_FILE_NAME}`,
      { file, pointer: op.pointer },
    );
  }
  byFile.set(name, op);
}
