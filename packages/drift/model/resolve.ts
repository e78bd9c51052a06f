import { isObject, type JsonObject, type OpenApiDocument } from "../../../spec/json.js";
import { fromPointer, getAt, isLocalRef } from "../../../spec/pointer.js";

const SCHEMA_PREFIX = "#/components/schemas/";

/** A node after following its `$ref` chain. */
export interface Resolved {
  /** The object at the end of the chain (an empty object when the chain is broken or cyclic). */
  node: JsonObject;
  /** Component schema name of the first `$ref` in the chain, when it points into components/schemas. */
  refName?: string;
  /** The first `$ref` of the chain, when there was one. */
  ref?: string;
  /** True when a `$ref` could not be followed (unresolvable, not local, or a cycle of refs). */
  broken?: boolean;
  /** Keywords written beside the first `$ref` (3.1 applies them; D15), without the `$ref` itself. */
  siblings?: JsonObject;
}

/**
 * Follows local `$ref`s of one document. Specs are untrusted: a ref that cannot be followed,
 * points outside the document or loops on itself yields an empty node marked `broken` instead of
 * throwing, so a defective spec still produces a report.
 */
export class RefResolver {
  constructor(readonly doc: OpenApiDocument) {}

  /** Follows the `$ref` chain starting at `value`; non-objects resolve to an empty, broken node. */
  resolve(value: unknown): Resolved {
    if (!isObject(value)) return { node: {}, broken: value !== undefined && value !== true };
    if (!("$ref" in value)) return { node: value };
    const first = value.$ref;
    const { $ref: _ignored, ...rest } = value;
    const siblings = Object.keys(rest).length > 0 ? rest : undefined;
    const refName = refSchemaName(first);
    const seen = new Set<string>();
    let current: unknown = value;
    while (isObject(current) && "$ref" in current) {
      const ref = current.$ref;
      if (!isLocalRef(ref) || seen.has(ref)) {
        return { node: {}, ref: String(first), refName, broken: true, siblings };
      }
      seen.add(ref);
      current = getAt(this.doc, ref);
    }
    if (!isObject(current))
      return { node: {}, ref: String(first), refName, broken: true, siblings };
    return { node: current, ref: String(first), refName, siblings };
  }

  /** The object a value stands for (following refs), or undefined when it is not an object. */
  deref(value: unknown): JsonObject | undefined {
    if (!isObject(value)) return undefined;
    const { node, broken } = this.resolve(value);
    return broken ? undefined : node;
  }
}

/** `#/components/schemas/Foo` -> `Foo` (pointer-unescaped); undefined for refs elsewhere. */
export function refSchemaName(ref: unknown): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(SCHEMA_PREFIX)) return undefined;
  // Nested namespaces (D4, when not hoisted) keep their slashes: `Logs/API`.
  return fromPointer(ref).slice(2).join("/");
}
