import fc from "fast-check";
import { isObject } from "../../../spec/json.js";
import { childPointer } from "../../../spec/pointer.js";

/** One edit of a document: at `pointer`, delete the value or put `value` there. */
export interface Mutation {
  pointer: string;
  /** Absent: the key (or list item) is deleted. */
  value?: unknown;
}

/** Every pointer of a document, root excluded, in document order: where a mutation may land. */
export function pointersOf(doc: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, record(childPointer(pointer, i))));
    else if (isObject(node))
      for (const [k, v] of Object.entries(node)) visit(v, record(childPointer(pointer, k)));
  };
  const record = (pointer: string) => (out.push(pointer), pointer);
  visit(doc, "#");
  return out;
}

/**
 * Values a mutation puts somewhere: every JSON kind, the empty forms, strings that look like the
 * spec's own (`$ref`s that resolve, dangle or point at the wrong kind of object, path templates),
 * and small random JSON.
 */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, "", "x", [], {}, [1, 2, 3], { a: 1 }),
  fc.constantFrom(
    { $ref: "#/components/schemas/Nope" },
    { $ref: "#/paths" },
    { $ref: "#/components/schemas/App" },
    { $ref: "#/components/parameters/GroupId" },
    { $ref: 7 },
    "/groups/{groupId}",
    "{groupId}",
    { type: "object", properties: "x" },
    { type: ["string", "null"] },
    { type: "array" },
    { allOf: {} },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/**
 * 1 to 3 mutations of a document whose pointers are `pointers`: each lands on a pointer drawn
 * uniformly and either deletes the value there or replaces it. Shrinks towards fewer mutations
 * and earlier pointers.
 */
export function mutations(pointers: readonly string[]): fc.Arbitrary<Mutation[]> {
  const one = fc.record(
    {
      pointer: fc.nat({ max: pointers.length - 1 }).map((i) => pointers[i]!),
      value: replacement,
    },
    { requiredKeys: ["pointer"] },
  );
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** Applies mutations to a deep copy of `doc`; a pointer already removed by an earlier one is skipped. */
export function applyMutations(doc: unknown, list: readonly Mutation[]): unknown {
  const copy = structuredClone(doc);
  for (const { pointer, ...change } of list) {
    const segments = pointer
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    let parent: unknown = copy;
    for (const segment of segments.slice(0, -1))
      parent = (parent as Record<string, unknown> | undefined)?.[segment];
    const key = segments.at(-1)!;
    if (Array.isArray(parent)) {
      const index = Number(key);
      if (index >= parent.length) continue;
      if ("value" in change) parent[index] = change.value;
      else parent.splice(index, 1);
    } else if (isObject(parent) && key in parent) {
      if ("value" in change) parent[key] = change.value;
      else delete parent[key];
    }
  }
  return copy;
}
