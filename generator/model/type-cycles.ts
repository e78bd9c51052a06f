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
  const path: string[] = [];
  const visit = (name: string): void => {
    const at = path.indexOf(name);
    if (at >= 0) {
      const cycle = [...path.slice(at), name].join(" -> ");
      throw new GeneratorError(
        `schema ${name} is its own type through $ref, allOf/anyOf/oneOf or items (${cycle}), ` +
          "with no object properties in between; its TypeScript type would be circular",
        { file, pointer: childPointer("#/components/schemas", name) },
      );
    }
    if (done.has(name)) return;
    path.push(name);
    for (const next of immediateRefs(schemas[name])) if (Object.hasOwn(schemas, next)) visit(next);
    path.pop();
    done.add(name);
  };
  for (const name of Object.keys(schemas)) visit(name);
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
