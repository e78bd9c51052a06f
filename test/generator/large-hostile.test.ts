/**
 * Large inputs (specprobe): arrays and texts beyond what `push(...spread)` can pass as arguments
 * (about 120,000 items) once failed with `RangeError: Maximum call stack size exceeded`; a spec
 * of 4,000 operations could not be generated. These build the same small things at that size.
 */
import { expect, test } from "vitest";
import { prettierLayout } from "../../generator/emit/prettier-layout.js";
import { modelOf, op } from "./helpers/fragment.js";

const MANY = 200_000;

test("prettierLayout keeps a text of 200,000 settled lines around the one it lays out", async () => {
  const settled = Array.from({ length: MANY }, (_, i) => `type T${i} = string;`);
  const long = `export type U = ${Array.from({ length: 30 }, (_, i) => `"v${i}"`).join(" | ")};`;
  const out = (await prettierLayout([...settled, long, ...settled].join("\n"))).split("\n");
  expect(out).toHaveLength(2 * MANY + 31);
  expect(out[MANY]).toBe("export type U =");
  expect(out[MANY + 1]).toBe('  | "v0"');
  expect(out.at(-1)).toBe(`type T${MANY - 1} = string;`);
});

test("a component schema with 200,000 properties builds the model", () => {
  const properties = Object.fromEntries(
    Array.from({ length: MANY }, (_, i) => [`p${i}`, { type: "string" }]),
  );
  const doc = op(
    "/things",
    "get",
    { operationId: "getThing" },
    { components: { schemas: { Big: { type: "object", properties } } } },
  );
  expect(modelOf(doc).schemas.map((s) => s.name)).toEqual(["Big"]);
});
