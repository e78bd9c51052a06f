import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFileName } from "../../packages/config/layout.js";

// checkFileName tests the whole name at once (a pull checks each hosted path before its first
// download); this holds it to the rule stated one segment at a time. Lengths are UTF-8 bytes, as
// file systems count them; `\` and `:` are refused only on Windows.

describe("checkFileName", () => {
  /** The rule as the layout states it, one segment at a time. */
  const usable = (name: string, nested: boolean) => {
    const segments = name.split("/");
    if (!nested && segments.length > 1) return false;
    return segments.every(
      (s) =>
        s !== "" &&
        s !== "." &&
        s !== ".." &&
        !(process.platform === "win32" ? /[\\\u0000-\u001f:]/ : /[\u0000-\u001f]/).test(s) &&
        Buffer.byteLength(s) <= 255,
    );
  };

  it("accepts exactly the names whose every segment is usable (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom("/", ".", "..", "\\", ":", "\u0000", "\u001f", "\u0020", "a", "é", "~"),
      fc.constantFrom("x".repeat(255), "y".repeat(256), "函".repeat(85), "函".repeat(86)),
    );
    const name = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(name, fc.boolean(), (text, nested) => {
        const accepted = (() => {
          try {
            return checkFileName(text, "a name", nested) === text;
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
            return false;
          }
        })();
        expect(accepted).toBe(usable(text, nested));
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it("refuses what is not a string, and names the thing refused", () => {
    expect(() => checkFileName(undefined, "hosted file /x")).toThrow(
      "hosted file /x has no name usable as a file name: undefined",
    );
    expect(() => checkFileName(7, "a trigger")).toThrow(TypeError);
    expect(() => checkFileName("a/../b", "hosted file /a/../b", true)).toThrow(
      'hosted file /a/../b has no name usable as a file name: "a/../b"',
    );
  });
});
