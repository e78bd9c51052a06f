import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";
import { VALUE, NAME, pattern, refused, tooLong } from "./name-refusals.js";

// An import (JSON or zip, with or without diff) and a push hold each name to the rule its create
// route holds it to (resource-names.test.ts): the real server applies one rule whichever way a
// name arrives. A refused import changes nothing.
let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start();
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

async function send(method: string, path: string, init: Parameters<typeof call>[3]) {
  const answer = await call(emu, method, appPath(emu, path), { token, ...init });
  return { status: answer.status, body: answer.body as unknown };
}
const importJson = (json: unknown, query = "strategy=merge") =>
  send("POST", `/import?${query}`, { json });
const list = async (path: string) =>
  ((await send("GET", path, {})).body as { name: string }[]).map((r) => r.name).sort();

const longest = `${"Ab1_-".repeat(12)}Ab1_`;

// First: the pulled configuration it pushes back must not hold what a broken import let in.
describe("push holds names to the same rules", () => {
  it("a value, a trigger, a service and a service rule are refused naming where; nothing changes", async () => {
    const pulled = (await send("GET", "/pull", {})).body as Record<string, unknown>;
    const before = await list("/values");
    const push = (patch: Record<string, unknown>) =>
      send("PATCH", "/push", { json: { ...pulled, ...patch } });
    expect(await push({ values: [{ name: "pushed_ok", value: 1 }, { name: "a b" }] })).toEqual(
      pattern("body.values[1].name", VALUE),
    );
    const trigger = { name: "a b", type: "SCHEDULED", config: { schedule: "0 8 * * *" } };
    expect(await push({ triggers: [trigger] })).toEqual(pattern("body.triggers[0].name", NAME));
    const service = { name: "a.b", type: "http", config: {}, incoming_webhooks: [] };
    expect(await push({ services: [service] })).toEqual(pattern("body.services[0].name", NAME));
    const rules = [{ name: "get it", actions: ["get"] }];
    expect(await push({ services: [{ ...service, name: "svc", rules }] })).toEqual(
      pattern("body.services[0].rules[0].name", NAME),
    );
    // The push's own schema states no rule for a service rule's name: the create route's rule.
    expect(await push({ https_endpoints: [{ ...service, name: "svc", rules }] })).toEqual(
      pattern("body.https_endpoints[0].rules[0].name", NAME),
    );
    expect(await list("/values")).toEqual(before);
  });
});

describe("import holds names to their create route's rule", () => {
  it("a value: a space, '_' first or 65 characters is a 400 naming where", async () => {
    const values = (name: string) => ({
      values: [
        { name: "ok", value: 1 },
        { name, value: 2 },
      ],
    });
    expect(await importJson(values("a b"))).toEqual(pattern("body.values[1].name", VALUE));
    expect(await importJson(values("_x"))).toEqual(pattern("body.values[1].name", VALUE));
    expect(await importJson(values("x".repeat(65)))).toEqual(tooLong("body.values[1].name", 64));
  });

  it("triggers, data sources, services, endpoints and service rules, each where it stands", async () => {
    const trigger = (name: string) => ({
      name,
      type: "SCHEDULED",
      config: { schedule: "0 8 * * *" },
      function_name: "f",
    });
    expect(await importJson({ triggers: [trigger("my trigger")] })).toEqual(
      pattern("body.triggers[0].name", NAME),
    );
    expect(await importJson({ triggers: [trigger("t".repeat(65))] })).toEqual(
      tooLong("body.triggers[0].name", 64),
    );
    const cluster = { name: "my cluster", type: "mongodb-atlas", config: { clusterName: "C" } };
    expect(await importJson({ data_sources: [{ config: cluster }] })).toEqual(
      pattern("body.data_sources[0].config.name", NAME),
    );
    for (const field of ["http_endpoints", "services"])
      expect(await importJson({ [field]: [{ config: { name: "a.b", type: "http" } }] })).toEqual(
        pattern(`body.${field}[0].config.name`, NAME),
      );
    const svc = { config: { name: "http_ok", type: "http" }, rules: [{ name: "get it" }] };
    expect(await importJson({ services: [svc] })).toEqual(
      pattern("body.services[0].rules[0].name", NAME),
    );
  });

  it("a refused import changes nothing, whichever strategy", async () => {
    const before = await list("/values");
    const json = {
      values: [
        { name: "kept_out", value: 1 },
        { name: "a b", value: 2 },
      ],
    };
    for (const strategy of ["merge", "replace", "replace-by-name"])
      expect((await importJson(json, `strategy=${strategy}`)).status).toBe(400);
    expect(await list("/values")).toEqual(before);
    expect(before).not.toContain("kept_out");
  });

  it("diff=true is refused the same way", async () => {
    expect(await importJson({ values: [{ name: "a b" }] }, "strategy=merge&diff=true")).toEqual(
      pattern("body.values[0].name", VALUE),
    );
  });

  it("a zip holding a bad name is refused, and nothing changes", async () => {
    const exported = await fetch(emu.url + appPath(emu, "/export"), {
      headers: { authorization: `Bearer ${token}` },
    });
    const files = unzipSync(new Uint8Array(await exported.arrayBuffer()));
    files["values/bad.json"] = strToU8(JSON.stringify({ name: "a b", value: 1 }));
    files["values/zip_good.json"] = strToU8(JSON.stringify({ name: "zip_good", value: 1 }));
    const before = await list("/values");
    const answer = await send("POST", "/import?strategy=merge", {
      body: zipSync(files),
      headers: { "content-type": "application/zip" },
    });
    expect(answer).toEqual(pattern("name in zip entry 'values/bad.json'", VALUE));
    expect(await list("/values")).toEqual(before);
  });

  // The body the emulator makes of a zip is no place its user knows: the error names the file.
  it("a zip's bad name is named by its entry, in a folder too, whatever it configures", async () => {
    const exported = await fetch(emu.url + appPath(emu, "/export"), {
      headers: { authorization: `Bearer ${token}` },
    });
    const base = unzipSync(new Uint8Array(await exported.arrayBuffer()));
    const zipWith = (extra: Record<string, unknown>, folder = "") => {
      const files: Record<string, Uint8Array> = {};
      for (const [path, bytes] of Object.entries({
        ...base,
        ...Object.fromEntries(
          Object.entries(extra).map(([p, v]) => [p, strToU8(JSON.stringify(v))]),
        ),
      }))
        files[folder + path] = bytes;
      return send("POST", "/import?strategy=merge", {
        body: zipSync(files),
        headers: { "content-type": "application/zip" },
      });
    };
    const trigger = { name: "my trigger", type: "SCHEDULED", config: { schedule: "0 8 * * *" } };
    expect(await zipWith({ "triggers/t.json": trigger }, "myapp/")).toEqual(
      pattern("name in zip entry 'myapp/triggers/t.json'", NAME),
    );
    const cluster = { name: "a.b", type: "mongodb-atlas", config: { clusterName: "C" } };
    expect(await zipWith({ "data_sources/c/config.json": cluster })).toEqual(
      pattern("name in zip entry 'data_sources/c/config.json'", NAME),
    );
    const http = { name: "svc", type: "http", config: {} };
    expect(
      await zipWith({
        "services/svc/config.json": http,
        "services/svc/rules/r.json": { name: "get it", actions: ["get"] },
      }),
    ).toEqual(pattern("name in zip entry 'services/svc/rules/r.json'", NAME));
    expect(await zipWith({ "values/long.json": { name: "v".repeat(65), value: 1 } })).toEqual(
      tooLong("name in zip entry 'values/long.json'", 64),
    );
  });

  it("the longest allowed names, a digit-first value, a collection rule and the auth providers import", async () => {
    const json = {
      values: [
        { name: longest, value: 1 },
        { name: "9lives", value: 2 },
      ],
      triggers: [],
      services: [
        { config: { name: longest, type: "http" }, rules: [{ name: longest, actions: ["get"] }] },
      ],
      data_sources: [
        {
          config: { name: "mongodb-atlas", type: "mongodb-atlas", config: { clusterName: "C" } },
          rules: [{ database: "db", collection: "coll", roles: [] }],
        },
      ],
      auth: { providers: { "api-key": { name: "api-key", type: "api-key", disabled: false } } },
    };
    expect(await importJson(json)).toEqual({ status: 204, body: "" });
    expect(await list("/values")).toEqual(expect.arrayContaining([longest, "9lives"]));
    expect(await list("/services")).toEqual(expect.arrayContaining([longest, "mongodb-atlas"]));
  });
});

// A trigger is the file triggers/<name>.json: whatever an export writes, an import reads back,
// and a file it cannot read as a trigger is refused, named, never dropped.
describe("trigger files", () => {
  const exportZip = async (target: RunningEmulator, bearer: string) => {
    const exported = await fetch(target.url + appPath(target, "/export"), {
      headers: { authorization: `Bearer ${bearer}` },
    });
    return unzipSync(new Uint8Array(await exported.arrayBuffer()));
  };
  const importZip = (files: Record<string, Uint8Array>, query = "strategy=merge") =>
    send("POST", `/import?${query}`, {
      body: zipSync(files),
      headers: { "content-type": "application/zip" },
    });
  const trigger = (name: string) => ({
    name,
    type: "SCHEDULED",
    config: { schedule: "0 8 * * *" },
    function_name: "tick",
  });

  it("a file in a folder inside triggers/ is a 400 naming the entry, and nothing changes", async () => {
    const files = await exportZip(emu, token);
    files["triggers/a/b.json"] = strToU8(JSON.stringify(trigger("b")));
    files["values/kept_out_too.json"] = strToU8(JSON.stringify({ name: "kept_out_too", value: 1 }));
    const before = await list("/values");
    expect(await importZip(files)).toEqual({
      status: 400,
      body: {
        error:
          "invalid zip entry 'triggers/a/b.json': a folder inside triggers/ holds no configuration: each file of triggers/ is one resource, named after it, and names take ASCII letters, digits, '_' and '-'",
        error_code: "InvalidParameter",
      },
    });
    expect(await list("/values")).toEqual(before);
  });

  it("a trigger named '' (the rule allows it) exports as triggers/.json and imports back", async () => {
    const fn = { name: "tick", source: "exports = () => 1", private: false };
    expect((await send("POST", "/functions", { json: fn })).status).toBe(201);
    const made = await send("POST", "/triggers", { json: trigger("") });
    expect(made.status).toBe(201);
    const files = await exportZip(emu, token);
    expect(Object.keys(files).filter((p) => p.startsWith("triggers/"))).toEqual(["triggers/.json"]);
    const id = (made.body as { _id: string })._id;
    await send("DELETE", `/triggers/${id}`, {});
    expect(await list("/triggers")).toEqual([]);
    expect(await importZip(files)).toEqual({ status: 204, body: "" });
    expect(await list("/triggers")).toEqual([""]);
  });

  it("without the operation schemas, a name with '/' is still refused where it would be a folder", async () => {
    const bare = await start({ operationSchemas: false, logs: { count: 0 } });
    try {
      const { access_token } = await login(bare);
      const answer = await call(bare, "POST", appPath(bare, "/import?strategy=merge"), {
        token: access_token,
        json: { triggers: [trigger("a/b")] },
      });
      expect({ status: answer.status, body: answer.body }).toEqual(
        refused(
          "body.triggers[0].name",
          "'a/b' has a '/' or '\\': it names one file or folder of the app's configuration, and names take ASCII letters, digits, '_' and '-'",
        ),
      );
      const files = Object.keys(await exportZip(bare, access_token));
      expect(files.filter((p) => p.startsWith("triggers/"))).toEqual([]);
    } finally {
      await bare.stop();
    }
  });
});
