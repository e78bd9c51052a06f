import { describe, expect, it } from "vitest";
import { formatLogTime, parseLogTime } from "../../packages/emulator/log-time.js";
import { LogStore } from "../../packages/emulator/log-store.js";
import { Router } from "../../packages/emulator/router.js";
import { shape } from "../../packages/emulator/shape.js";
import type { OperationSchemasDocument } from "../../packages/emulator/operation-schemas.js";
import { validateRequest } from "../../packages/emulator/request-validation.js";
import { SchemaRegistry } from "../../packages/emulator/schema-registry.js";

describe("formatLogTime", () => {
  it.each([
    [Date.UTC(2022, 11, 8, 18, 24, 48, 410), "2022-12-08T18:24:48.41Z"],
    [Date.UTC(2022, 11, 8, 18, 24, 48, 409), "2022-12-08T18:24:48.409Z"],
    [Date.UTC(2022, 11, 8, 18, 24, 48, 400), "2022-12-08T18:24:48.4Z"],
    [Date.UTC(2022, 11, 8, 18, 24, 48, 0), "2022-12-08T18:24:48Z"],
  ])("prints %s as %s", (ms, text) => {
    expect(formatLogTime(ms)).toBe(text);
    expect(parseLogTime(text)).toBe(ms);
  });

  it("refuses what is not RFC 3339", () => {
    expect(parseLogTime("2022-12-08")).toBeUndefined();
    expect(parseLogTime("2022-12-08T18:24:48")).toBeUndefined();
    expect(parseLogTime("2022-12-08T18:24:48.41+02:00")).toBe(
      Date.UTC(2022, 11, 8, 16, 24, 48, 410),
    );
  });
});

describe("LogStore", () => {
  const store = new LogStore();
  const add = (time: number, type: string, isError = false) =>
    store.add({
      time,
      type,
      isError,
      entry: () => ({ _id: `${time}-${type}`, type, started: formatLogTime(time) }),
    });
  // 5 entries at t=100, then one each at 50 and 10; types alternate.
  for (let i = 0; i < 5; i++) add(100, i % 2 ? "AUTH" : "FUNCTION", i === 4);
  add(50, "AUTH");
  add(10, "FUNCTION", true);

  it("pages newest first and counts the entries of the next timestamp already returned", () => {
    const first = store.page({ errorsOnly: false, skip: 0, limit: 2 });
    expect(first.entries.map((e) => e.time)).toEqual([100, 100]);
    expect(first.next?.time).toBe(100);
    expect(first.sameTimeBeforeNext).toBe(2);
    const second = store.page({ errorsOnly: false, endTime: 100, skip: 2, limit: 3 });
    expect(second.entries.map((e) => e.time)).toEqual([100, 100, 100]);
    expect(second.next?.time).toBe(50);
    expect(second.sameTimeBeforeNext).toBe(0);
    const last = store.page({ errorsOnly: false, endTime: 50, skip: 0, limit: 5 });
    expect(last.entries.map((e) => e.time)).toEqual([50, 10]);
    expect(last.next).toBeUndefined();
  });

  it("keeps insertion order within a timestamp, so skip is stable", () => {
    const all = store.page({ errorsOnly: false, skip: 0, limit: 7 }).entries.map((e) => e.seq);
    expect(all).toEqual([4, 3, 2, 1, 0, 5, 6]);
  });

  it("merges type indexes and applies the window bounds", () => {
    const page = store.page({
      types: ["AUTH", "FUNCTION"],
      errorsOnly: true,
      startTime: 10,
      skip: 0,
      limit: 10,
    });
    expect(page.entries.map((e) => e.seq)).toEqual([4]);
    const auth = store.page({
      types: ["AUTH"],
      errorsOnly: false,
      endTime: 99,
      skip: 0,
      limit: 10,
    });
    expect(auth.entries.map((e) => e.time)).toEqual([50]);
  });
});

describe("Router", () => {
  const router = new Router();
  const route = (method: string, template: string) =>
    router.add({
      method,
      template,
      operation: `${method} ${template}`,
      options: { auth: "none" },
      handler: () => ({ status: 204 }),
    });
  route("POST", "/s/{serviceId}/commands/{commandName}");
  route("POST", "/s/{datasourceId}/commands/validate_documents");
  route("GET", "/s/{serviceId}/commands/build_info");

  it("prefers a literal segment over a parameter", () => {
    const m = router.match("POST", "/s/abc/commands/validate_documents");
    expect(m.kind === "found" && m.route.template).toBe(
      "/s/{datasourceId}/commands/validate_documents",
    );
    const other = router.match("POST", "/s/abc/commands/run");
    expect(other.kind === "found" && other.params).toEqual({
      serviceId: "abc",
      commandName: "run",
    });
  });

  it("tells a wrong method from an unknown path", () => {
    expect(router.match("DELETE", "/s/abc/commands/build_info")).toEqual({
      kind: "method-not-allowed",
      allowed: ["POST", "GET"],
    });
    expect(router.match("GET", "/t")).toEqual({ kind: "not-found" });
  });

  it("keeps the first route for a method and template", () => {
    expect(route("GET", "/s/{other}/commands/build_info")).toBe(false);
  });

  it("decodes path parameters", () => {
    const m = router.match("POST", "/s/a%2Fb/commands/x%20y");
    expect(m.kind === "found" && m.params).toEqual({ serviceId: "a/b", commandName: "x y" });
  });
});

describe("shape", () => {
  const components: Record<string, Record<string, unknown>> = {
    Fn: {
      type: "object",
      required: ["_id", "name", "private"],
      properties: {
        _id: { type: "string" },
        name: { type: "string" },
        private: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
      },
    },
  };
  const resolve = (ref: string) => components[ref.split("/").pop()!];

  it("keeps declared fields from state, drops undeclared ones, fills required ones with zeros", () => {
    const stored = { _id: "a1", name: "f", source: "secret code", tags: ["x"] };
    expect(shape({ $ref: "#/components/schemas/Fn" }, stored, resolve)).toEqual({
      _id: "a1",
      name: "f",
      private: false,
      tags: ["x"],
    });
  });

  it("shapes each item of a list and passes free-form objects through", () => {
    const list = { type: "array", items: { $ref: "#/components/schemas/Fn" } };
    expect(shape(list, [{ _id: "1", name: "a", private: true, x: 1 }], resolve)).toEqual([
      { _id: "1", name: "a", private: true },
    ]);
    expect(shape({ type: "object" }, { any: { thing: 1 } }, resolve)).toEqual({
      any: { thing: 1 },
    });
  });

  it("picks the union branch whose constants and fields fit the data", () => {
    const union = {
      oneOf: [
        { type: "object", properties: { type: { const: "anon-user" }, name: { type: "string" } } },
        {
          type: "object",
          properties: {
            type: { const: "api-key" },
            name: { type: "string" },
            disabled: { type: "boolean" },
          },
        },
      ],
    };
    expect(shape(union, { type: "api-key", name: "api-key", disabled: true }, resolve)).toEqual({
      type: "api-key",
      name: "api-key",
      disabled: true,
    });
  });

  it("answers null where a union allows it, instead of a made-up object", () => {
    const holder = {
      type: "object",
      required: ["custom"],
      properties: { custom: { oneOf: [{ $ref: "#/components/schemas/Fn" }, { type: "null" }] } },
    };
    expect(shape(holder, { custom: null }, resolve)).toEqual({ custom: null });
  });

  it("answers {} for an object that allows no properties (a DELETE's answer)", () => {
    const empty = { type: "object", properties: {}, additionalProperties: false };
    expect(shape(empty, { _id: "1", name: "gone" }, resolve)).toEqual({});
  });

  it("keeps undeclared fields when open (a configuration the client sends back whole)", () => {
    const stored = { _id: "a1", name: "f", private: true, unordered: true };
    const ref = { $ref: "#/components/schemas/Fn" };
    expect(shape(ref, stored, resolve)).toEqual({ _id: "a1", name: "f", private: true });
    expect(shape(ref, stored, resolve, { open: true })).toEqual(stored);
  });
});

describe("validateRequest", () => {
  const doc: OperationSchemasDocument = {
    operations: {
      run: {
        method: "POST",
        path: "/run",
        parameters: [
          { name: "user_id", in: "query", schema: { type: "string" } },
          { name: "run_as_system", in: "query", schema: { type: "boolean" } },
        ],
        exactlyOneOf: [["user_id", "run_as_system"]],
      },
    },
  };
  const registry = new SchemaRegistry(doc);
  const validate = (qs: string) => () =>
    validateRequest(
      registry,
      "run",
      doc.operations.run!,
      {
        params: {},
        query: new URLSearchParams(qs),
        json: undefined,
        hasBody: false,
      },
      { auth: "access" },
    );

  it("enforces x-exactly-one-of: one of the group, not both, not neither", () => {
    expect(validate("user_id=u1")).not.toThrow();
    expect(validate("run_as_system=true")).not.toThrow();
    expect(validate("user_id=u1&run_as_system=true")).toThrow(
      "invalid query: give exactly one of user_id, run_as_system (got user_id and run_as_system)",
    );
    expect(validate("")).toThrow("invalid query: give exactly one of user_id, run_as_system");
  });
});
