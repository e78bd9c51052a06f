// A careless caller's query values: a Date (or any object of a class) has no enumerable fields,
// so the query serializer would write nothing for it and the request would go out without that
// filter (`start_date: new Date()` fetching every entry instead of a window). Refused instead,
// naming the parameter, before anything is sent.
import { describe, expect, test } from "vitest";
import { serializeQuery } from "../../packages/client/query-string.js";

describe("serializeQuery with objects that are not plain", () => {
  test.each([
    ["a Date", new Date(0), "Date"],
    ["a Map", new Map([["a", "1"]]), "Map"],
    ["a URLSearchParams", new URLSearchParams("a=1"), "URLSearchParams"],
    ["an instance of a class", new (class Window {})(), "Window"],
  ])("refuses %s, naming the parameter", (_what, value, kind) => {
    expect(() => serializeQuery({ skip: 1, start_date: value })).toThrow(
      new TypeError(
        `query parameter start_date is a ${kind}, which a query string cannot carry; nothing was sent`,
      ),
    );
  });

  test("still writes plain objects, arrays and objects without a prototype", () => {
    const bare = Object.assign(Object.create(null) as object, { x: "1" });
    expect(serializeQuery({ a: { x: "1" }, b: ["1", "2"], c: bare })).toBe("a[x]=1&b=1&b=2&c[x]=1");
  });
});
