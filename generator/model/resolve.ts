import { isObject, type JsonObject, type OpenApiDocument } from "../../spec/json.js";
import { getAt, isLocalRef } from "../../spec/pointer.js";
import { GeneratorError } from "../errors.js";

/**
 * Follows a Parameter, Request Body or Response Object through `$ref`s into `components/<section>`
 * and returns the object with the pointer where it really is. A reference that leaves the document,
 * points elsewhere than `section`, does not resolve or loops is a GeneratorError at `pointer`.
 */
export function resolveComponent(
  doc: OpenApiDocument,
  node: unknown,
  pointer: string,
  section: "parameters" | "requestBodies" | "responses",
  file?: string,
): { node: JsonObject; pointer: string } {
  let current = node;
  let at = pointer;
  const seen = new Set<string>();
  while (isObject(current) && "$ref" in current) {
    const ref = current.$ref;
    if (!isLocalRef(ref) || !ref.startsWith(`#/components/${section}/`)) {
      throw new GeneratorError(
        `$ref ${JSON.stringify(ref)} should point into #/components/${section}/ (unsupported reference)`,
        { file, pointer: at },
      );
    }
    if (seen.has(ref)) throw new GeneratorError(`$ref ${ref} loops`, { file, pointer: at });
    seen.add(ref);
    current = getAt(doc, ref);
    if (current === undefined) {
      throw new GeneratorError(`$ref ${ref} does not resolve`, { file, pointer: at });
    }
    at = ref;
  }
  if (!isObject(current)) {
    throw new GeneratorError(`expected an object here, found ${JSON.stringify(current)}`, {
      file,
      pointer: at,
    });
  }
  return { node: current, pointer: at };
}
