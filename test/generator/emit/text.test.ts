import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { callText, signature } from "../../../generator/emit/text.js";

/** Formats as the project does (.prettierrc.json), so a helper's layout can be compared. */
const pretty = (text: string) =>
  format(text, { parser: "babel-ts", printWidth: 100, trailingComma: "all" });

const long = "x".repeat(40);
const short = "y".repeat(35); // `method<K …>(` is over 100 columns, its type parameter is not

describe("text helpers lay out code as prettier does", () => {
  it.each([
    { name: "fits", typeParams: ["K"], params: ["a: A"] },
    { name: "parameters break", typeParams: ["K"], params: [`a: ${long}`, `b: ${long}`] },
    {
      name: "type parameters and parameters break",
      typeParams: [`K extends keyof ${short} = "${short}"`],
      params: [`a: ${long}`, `b: ${long}`],
    },
    {
      name: "type parameters break, and so do parameters that would fit after them",
      typeParams: [`K extends keyof ${short} = "${short}"`],
      params: ["a: A"],
    },
  ])("signature: $name", async ({ typeParams, params }) => {
    const text = `interface I {\n${signature("  ", "method", params, ": Promise<R>", ";", typeParams)}}\n`;
    expect(await pretty(text)).toBe(text);
  });

  it.each([
    { name: "no arguments", args: [] },
    { name: "fits", args: ["a.One", "b.Two"] },
    { name: "breaks", args: [`a.${long}`, `b.${long}`] },
  ])("callText as a declaration's initializer: $name", async ({ args }) => {
    const text = callText("", "export const all: readonly T[] = ", "Array.of<T>", args, ";");
    expect(await pretty(text)).toBe(text);
  });
});
