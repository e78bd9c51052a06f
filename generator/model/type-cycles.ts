import { isObject, type JsonObject } from "../../spec/json.js";
import { childPointer, fromPointer } from "../../spec/pointer.js";
import { GeneratorError } from "../errors.js";

const SCHEMAS = "#/components/schemas/";

/**
 * Refuses a component schema whose type would be itself: schema.ts names each one as
 * `components["schemas"]["Name"]`, and TypeScript cannot resolve such a name when it is, through
 * `$ref`s, its own alias, array element or allOf/anyOf/oneOf member (TS2502). A `properties` or
 * `additionalProperties` in between makes an object type, which defers the reference, so the
 * usual recursive schemas (a tree whose children are trees) are not affected.
 */
export function checkTypeCycles(schemas: JsonObject, file: string | undefined): void {
  const done = new Set<string>();
  for (const root of Object.keys(schemas)) {
    if (done.has(root)) continue;
    // Depth-first with a stack of its own: a chain of thousands of allOf refs is valid input.
    const path = [{ name: root, next: immediateRefs(schemas[root]).reverse() }];
    const onPath = new Set([root]);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const name = top.next.pop();
      if (name === undefined) {
        path.pop();
        onPath.delete(top.name);
        done.add(top.name);
      } else if (onPath.has(name)) {
        const names = path.map((step) => step.name);
        const cycle = [...names.slice(names.indexOf(name)), name].join(" -> ");
        throw new GeneratorError(
          `schema ${name} is its own type through $ref, allOf/anyOf/oneOf or items (${cycle}), ` +
            "with no object properties in between; its TypeScript type would be circular",
          { file, pointer: childPointer("#/components/schemas", name) },
        );
      } else if (Object.hasOwn(schemas, name) && !done.has(name)) {
        onPath.add(name);
        path.push({ name, next: immediateRefs(schemas[name]).reverse() });
      }
    }
  }
}

/** The component schemas a schema's type is made of without an object type in between. */
function immediateRefs(schema: unknown, out: string[] = []): string[] {
  if (!isObject(schema)) return out;
  if (typeof schema.$ref === "string" && schema.$ref.startsWith(SCHEMAS)) {
    const [, , name, ...inside] = fromPointer(schema.$ref);
    if (name !== undefined && inside.length === 0) out.push(name);
  }
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const members = schema[key];
    if (Array.isArray(members)) for (const member of members) immediateRefs(member, out);
  }
  immediateRefs(schema.items, out);
  return out;
}
