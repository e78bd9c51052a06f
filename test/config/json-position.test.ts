import { describe, expect, it } from "vitest";
import {
  locateJson,
  positionAt,
  syntaxErrorPosition,
} from "../../packages/config/json-position.js";

const TEXT = `{
  "a": [1, {"b~c": "x", "d/e": [true, null]}],
  "s": "brace } and \\" quote",
  "n": -1.5e3
}
`;

describe("locateJson: where the value at a JSON pointer starts", () => {
  it.each([
    ["", 1, 1],
    ["/a", 2, 8],
    ["/a/0", 2, 9],
    ["/a/1", 2, 12],
    ["/a/1/b~0c", 2, 20],
    ["/a/1/d~1e/1", 2, 39],
    ["/s", 3, 8],
    ["/n", 4, 8],
  ])("%j is at %i:%i", (pointer, line, column) => {
    expect(locateJson(TEXT, pointer)).toEqual({ line, column });
  });

  it("places a pointer that does not resolve at its deepest existing parent", () => {
    expect(locateJson(TEXT, "/a/1/missing")).toEqual({ line: 2, column: 12 });
    expect(locateJson(TEXT, "/nope")).toEqual({ line: 1, column: 1 });
  });

  it("handles CRLF line ends", () => {
    expect(locateJson('{\r\n  "k": 1\r\n}', "/k")).toEqual({ line: 2, column: 8 });
  });
});

describe("syntaxErrorPosition: where a text stops being JSON", () => {
  it.each([
    ['{"a": 1,}', 1, 9],
    ['{\n  "a" 1\n}', 2, 7],
    ["[1,\n2", 2, 2],
    ['{"a": tru}', 1, 7],
    ['{"a": "line\nbreak"}', 1, 7],
    ["", 1, 1],
    ["{} x", 1, 4],
  ])("%j fails at %i:%i", (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(syntaxErrorPosition(text)).toEqual({ line, column });
  });

  it("is undefined for valid JSON", () => {
    expect(syntaxErrorPosition(TEXT)).toBeUndefined();
  });

  it("places values in a large file", () => {
    const big = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ name: `f${i}` })));
    expect(syntaxErrorPosition(big)).toBeUndefined();
    expect(locateJson(big, "/19999/name")).toEqual(positionAt(big, big.lastIndexOf('"f19999"')));
  });
});
