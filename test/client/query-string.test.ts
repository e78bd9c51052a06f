// The runtime's query serializer writes what openapi-fetch's default one writes (the one `raw`
// calls use), for any record of scalars, arrays and flat objects; it refuses what openapi-fetch
// refuses (a nested array or object), naming the parameter. fast-check, fixed seed.
import fc from "fast-check";
import { createQuerySerializer } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { serializeQuery } from "../../packages/client/query-string.js";

const SEED = 0x9e_57_01;
const openapiFetch = createQuerySerializer();

// Names and text with characters a query string must encode, and some it need not.
const text = fc.string({
  unit: fc.constantFrom("a", "Z", "0", " ", "&", "=", "?", "/", "[", "é", "😀", "%", "+"),
});
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const flat = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(text, scalar, { maxKeys: 3 }),
);

describe("serializeQuery", () => {
  test("equals openapi-fetch's default query serializer (2,000 records)", () => {
    fc.assert(
      fc.property(fc.dictionary(text, flat, { maxKeys: 5 }), (query) => {
        expect(serializeQuery(query)).toBe(openapiFetch(query));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  test("writes the cases that matter to this API exactly", () => {
    expect(
      serializeQuery({ end_date: "2024-01-02T03:04:05.6Z", skip: 100, errors_only: true }),
    ).toBe("end_date=2024-01-02T03%3A04%3A05.6Z&skip=100&errors_only=true");
    expect(serializeQuery({ a: [1, 2], b: [], c: { x: "1 2" }, d: null, e: undefined })).toBe(
      "a=1&a=2&c[x]=1%202",
    );
    expect(serializeQuery({})).toBe("");
  });

  test("refuses a nested array or object as openapi-fetch does, naming the parameter", () => {
    for (const query of [{ sort: [[1]] }, { sort: [{ a: 1 }] }, { sort: { by: { a: 1 } } }]) {
      expect(() => openapiFetch(query)).toThrow();
      expect(() => serializeQuery(query)).toThrow(
        /^query parameter sort holds a nested array or object/,
      );
    }
  });
});
