/**
 * A call's query string as openapi-fetch's default query serializer (the one `raw` calls use)
 * writes it: `name=value` with the value URI-encoded and the name as given, an array as one pair
 * per item (`k=a&k=b`, an empty one left out), an object as `k[a]=b` pairs, undefined and null
 * left out. An object of a class (a Date, a Map) is refused, where openapi-fetch writes nothing.
 * Written here, not imported, so that a bundle of `createAdminCore` holds none of openapi-fetch
 * (test/client/query-string.test.ts holds it to openapi-fetch's output).
 */
export function serializeQuery(
  query: Readonly<Record<string, unknown>>,
  names: readonly string[] = Object.keys(query),
): string {
  const search: string[] = [];
  for (const name of names) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== "object") {
      search.push(pair(name, name, value));
    } else if (Array.isArray(value)) {
      if (value.length > 0) search.push(value.map((item) => pair(name, name, item)).join("&"));
    } else {
      // An object of a class (a Date) has no fields of its own to write: the filter would vanish.
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        refuse(name, `is a ${(value as object).constructor?.name || "class instance"}`);
      }
      const pairs: string[] = [];
      for (const key in value) {
        pairs.push(pair(name, `${name}[${key}]`, (value as Record<string, unknown>)[key]));
      }
      search.push(pairs.join("&"));
    }
  }
  return search.join("&");
}

/** One `key=value` pair (empty for undefined and null, as openapi-fetch writes them). */
function pair(parameter: string, key: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") refuse(parameter, "holds a nested array or object");
  return `${key}=${encodeURIComponent(value as string)}`;
}

function refuse(parameter: string, what: string): never {
  throw new TypeError(
    `query parameter ${parameter} ${what}, which a query string cannot carry; nothing was sent`,
  );
}
