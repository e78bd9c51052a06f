import type { JsonObject, OpenApiDocument } from "../../spec/json.js";
import type { OperationSite } from "../../spec/walk.js";
import { GeneratorError, named } from "../errors.js";
import { CORRECTED_NAMES, methodNames, namespaceName } from "../../spec/naming.js";
import { isIdentifier } from "../emit/ts-syntax.js";
import { isSuccessStatus, requestBodyModel, responseModels } from "./bodies.js";
import { exactlyOneOf } from "./exactly-one-of.js";
import { operationParameters } from "./parameters.js";
import type { ReadWriteFacts } from "./read-write.js";
import type { MediaModel, OperationModel, ResponseModel } from "./types.js";

/**
 * The plain model of one operation: names per `spec/naming.ts` (the first tag is its
 * namespace), parameters, body and responses resolved. Refuses an operation without operationId or
 * tag, a method name that cannot be an identifier, and a parameter named `body` beside a body.
 */
export function operationModel(
  doc: OpenApiDocument,
  operation: JsonObject,
  site: OperationSite,
  facts: ReadWriteFacts,
  file?: string,
): OperationModel {
  const where = { file, pointer: site.pointer };
  const label = `${site.method.toUpperCase()} ${site.path}`;
  const operationId = operation.operationId;
  if (typeof operationId !== "string" || operationId === "") {
    throw new GeneratorError(`${label} has no operationId, so it has no method name`, where);
  }
  if (site.method === "trace") {
    // OperationInfo.method (the runtime contract) has no TRACE, and no version of the API uses it.
    throw new GeneratorError(
      `${label} (${operationId}): TRACE operations are not supported`,
      where,
    );
  }
  const tag = Array.isArray(operation.tags) ? operation.tags[0] : undefined;
  if (typeof tag !== "string" || tag === "") {
    throw new GeneratorError(
      `${label} (${operationId}) has no tag, so it belongs to no namespace`,
      where,
    );
  }
  const { name, deprecatedAlias } = methodNames(operationId);
  for (const candidate of [name, deprecatedAlias]) {
    if (candidate !== undefined && !isIdentifier(candidate)) {
      throw new GeneratorError(
        `operationId ${operationId} gives the method name "${candidate}", which is not a valid identifier`,
        where,
      );
    }
  }
  const parameters = operationParameters(doc, operation, site, file);
  const body = requestBodyModel(doc, operation, site.pointer, facts, file);
  const bodyTwin = body && parameters.find((p) => p.name === "body");
  if (bodyTwin) {
    throw new GeneratorError(
      `parameter name clash in ${operationId} (${label}): ${bodyTwin.in} parameter "body" (${bodyTwin.pointer}) ` +
        `and the request body (${body.pointer}) would both be \`body\``,
      where,
    );
  }
  const responses = responseModels(doc, operation, site.pointer, facts, file);
  const groups = exactlyOneOf(operation, parameters, site.pointer, file);
  const success = responses.filter((r) => isSuccessStatus(r.status));
  const accepts = acceptsOf(success);
  return {
    operationId,
    tag,
    namespace: named(() => namespaceName(tag), file, site.pointer),
    name,
    ...(deprecatedAlias ? { deprecatedAlias, aliasReason: CORRECTED_NAMES[operationId]!.why } : {}),
    typeStem: name.charAt(0).toUpperCase() + name.slice(1),
    method: site.method.toUpperCase() as OperationModel["method"],
    path: site.path,
    pointer: site.pointer,
    ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
    ...(typeof operation.description === "string" ? { description: operation.description } : {}),
    deprecated: operation.deprecated === true,
    parameters,
    ...(groups ? { exactlyOneOf: groups } : {}),
    ...(body ? { body } : {}),
    paramsOptional: !groups && parameters.every((p) => !p.required) && !body?.required,
    responses,
    success,
    ...(accepts.length > 1 ? { accepts } : {}),
  };
}

/**
 * The distinct media types the 2xx responses offer, the default (the first response's preferred
 * one, which the result type describes) first, then in the spec's order.
 */
function acceptsOf(success: readonly ResponseModel[]): MediaModel[] {
  const all = success.flatMap((r) => r.media);
  const preferred = success.find((r) => r.mediaType)?.mediaType;
  const ordered = [...all.filter((m) => m.mediaType === preferred), ...all];
  const seen = new Set<string>();
  return ordered.filter((m) => !seen.has(m.mediaType) && seen.add(m.mediaType));
}
