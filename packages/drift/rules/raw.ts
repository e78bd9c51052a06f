import type { PairFacts } from "../compare/facts.js";
import { deepEqual } from "../model/canonical.js";
import type { SpecModel } from "../model/spec-model.js";
import { isObject, type JsonObject } from "../../../spec/json.js";

/** True when the operation object and its path-level parameters are identical on both sides. */
export function sameRaw(f: PairFacts): boolean {
  return (
    deepEqual(f.pair.old.raw, f.pair.new.raw) &&
    deepEqual(f.pair.old.pathItem.parameters, f.pair.new.pathItem.parameters)
  );
}

/** The document's `components`, or an empty mapping. */
export function componentsOf(spec: SpecModel): JsonObject {
  return isObject(spec.doc.components) ? spec.doc.components : {};
}
