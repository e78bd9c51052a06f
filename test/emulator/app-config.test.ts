import { strFromU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

// App configuration as files: export/pull as a zip in the official CLI's layout, import (replace
// by name, or diff) and push, over raw HTTP.
let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start({ logs: { count: 0 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

const post = (path: string, json: unknown) =>
  call(emu, "POST", appPath(emu, path), { token, json });

/** Downloads a zip and returns its entries as text, by path. */
async function download(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(emu.url + path, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
  return {
    disposition: res.headers.get("content-disposition") ?? "",
    files: Object.fromEntries(Object.entries(entries).map(([p, b]) => [p, strFromU8(b)])),
  };
}

/** Gives the seeded app one of most kinds of resource. */
async function populate(): Promise<void> {
  const fn = await post("/functions", {
    name: "hello",
    private: false,
    source: "exports = () => 'hi';",
  });
  expect(fn.status).toBe(201);
  expect((await post("/values", { name: "greeting", private: false, value: "hi" })).status).toBe(
    201,
  );
  expect(
    (
      await post("/environment_values", {
        name: "region",
        values: { none: "eu", production: "us" },
      })
    ).status,
  ).toBe(201);
  const svc = await post("/services", {
    name: "mongodb-atlas",
    type: "mongodb-atlas",
    config: { clusterName: "Cluster0", readPreference: "primary", wireProtocolEnabled: false },
  });
  expect(svc.status).toBe(201);
  const rule = await post(`/services/${svc.body._id}/rules`, {
    database: "db",
    collection: "coll",
    roles: [],
  });
  expect(rule.status, rule.text).toBe(201);
  const trigger = await post("/triggers", {
    name: "nightly",
    type: "SCHEDULED",
    config: { schedule: "0 0 * * *" },
    function_id: fn.body._id,
    // The spec requires event_processors even with a function_id (a defect being repaired).
    event_processors: { FUNCTION: { config: { function_name: "hello" } } },
  });
  expect(trigger.status, trigger.text).toBe(201);
}

describe("export and pull", () => {
  it("export answers a real zip in the CLI's layout, named <app>_<timestamp>.zip", async () => {
    await populate();
    const { disposition, files } = await download(appPath(emu, "/export"));
    expect(disposition).toMatch(/^attachment; filename="myapp_\d{14}\.zip"$/);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        "realm_config.json",
        "auth/providers.json",
        "environments/production.json",
        "functions/config.json",
        "functions/hello.js",
        "values/greeting.json",
        "triggers/nightly.json",
        "data_sources/mongodb-atlas/config.json",
        "data_sources/mongodb-atlas/db/coll/rules.json",
        "graphql/config.json",
        "http_endpoints/config.json",
      ]),
    );
    expect(JSON.parse(files["realm_config.json"]!)).toMatchObject({
      config_version: 20210101,
      name: "myapp",
    });
    expect(files["functions/hello.js"]).toBe("exports = () => 'hi';");
    expect(JSON.parse(files["functions/config.json"]!)).toEqual([
      { name: "hello", private: false },
    ]);
    expect(JSON.parse(files["environments/production.json"]!)).toEqual({
      values: { region: "us" },
    });
    // Files are written the way the CLI writes them: four spaces, a final newline.
    expect(files["values/greeting.json"]).toBe(
      '{\n    "name": "greeting",\n    "private": false,\n    "from_secret": false,\n    "value": "hi"\n}\n',
    );
  });

  it("pull with Accept: application/zip is the same zip; without it, the configuration as JSON", async () => {
    const zipped = await download(appPath(emu, "/pull"), { accept: "application/zip" });
    const exported = await download(appPath(emu, "/export"));
    expect(zipped.files).toEqual(exported.files);
    const json = await call(emu, "GET", appPath(emu, "/pull"), { token });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      name: "myapp",
      functions: [expect.objectContaining({ name: "hello", source: "exports = () => 'hi';" })],
      values: [expect.objectContaining({ name: "greeting" })],
      environments: { values: { none: { values: { region: "eu" } } } },
    });
  });

  it("a zip round trip: export, import into a fresh app, export again: the same files", async () => {
    const first = await download(appPath(emu, "/export"));
    const fresh = await call(emu, "POST", `/groups/${emu.groupId}/apps`, {
      token,
      json: { name: "copy" },
    });
    expect(fresh.status).toBe(201);
    const copyPath = `/groups/${emu.groupId}/apps/${fresh.body._id}`;
    const zip = zipSync(
      Object.fromEntries(
        Object.entries(first.files).map(([p, t]) => [p, new TextEncoder().encode(t)]),
      ),
    );
    const imported = await call(emu, "POST", `${copyPath}/import?strategy=replace-by-name`, {
      token,
      body: zip,
      headers: { "content-type": "application/zip" },
    });
    expect(imported.status, imported.text).toBe(204);
    const second = await download(`${copyPath}/export`);
    const withoutIdentity = (files: Record<string, string>) => {
      const { app_id: _id, name: _name, ...root } = JSON.parse(files["realm_config.json"]!);
      return { ...files, "realm_config.json": root };
    };
    expect(withoutIdentity(second.files)).toEqual(withoutIdentity(first.files));
  });
});

describe("import and push", () => {
  it("import with diff=true lists what would change and changes nothing; without it, applies by name", async () => {
    const before = await call(emu, "GET", appPath(emu, "/functions"), { token });
    const structure = {
      config_version: 20210101,
      functions: {
        config: [
          { name: "hello", private: true },
          { name: "added", private: false },
        ],
        sources: { "hello.js": "exports = () => 'changed';", "added.js": "exports = () => 1;" },
      },
    };
    const diff = await post("/import?strategy=replace-by-name&diff=true", structure);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--- functions\/config\.json\n\+\+\+ functions\/config\.json\n/),
        expect.stringMatching(
          /^--- \/dev\/null\n\+\+\+ functions\/added\.js\n\+exports = \(\) => 1;$/,
        ),
        expect.stringMatching(/^--- values\/greeting\.json\n\+\+\+ \/dev\/null/),
      ]),
    );
    expect((await call(emu, "GET", appPath(emu, "/functions"), { token })).body).toEqual(
      before.body,
    );

    expect((await post("/import?strategy=replace-by-name", structure)).status).toBe(204);
    const after = (await call(emu, "GET", appPath(emu, "/functions"), { token })).body;
    // Replace by name: "hello" keeps its _id, "added" is new, and the Values the configuration
    // leaves out are gone.
    expect(after.map((f: { name: string }) => f.name)).toEqual(["hello", "added"]);
    expect(after[0]._id).toBe(before.body[0]._id);
    expect((await call(emu, "GET", appPath(emu, "/values"), { token })).body).toEqual([]);
    expect((await post("/import?strategy=overwrite", structure)).status).toBe(400);
  });

  it("push applies the configuration JSON pull gives", async () => {
    const pulled = (await call(emu, "GET", appPath(emu, "/pull"), { token })).body;
    pulled.values = [{ name: "pushed", private: false, from_secret: false, value: 7 }];
    const pushed = await call(emu, "PATCH", appPath(emu, "/push"), { token, json: pulled });
    expect(pushed.status, pushed.text).toBe(204);
    expect((await call(emu, "GET", appPath(emu, "/values"), { token })).body).toEqual([
      expect.objectContaining({ name: "pushed" }),
    ]);
    const again = (await call(emu, "GET", appPath(emu, "/pull"), { token })).body;
    expect(again).toEqual(pulled);
  });

  it("merge (no strategy) keeps what the configuration leaves out; replace removes it", async () => {
    const list = async () =>
      (await call(emu, "GET", appPath(emu, "/functions"), { token })).body.map(
        (f: { name: string }) => f.name,
      );
    const only = (name: string) => ({
      functions: {
        config: [{ name, private: false }],
        sources: { [`${name}.js`]: "exports = 1;" },
      },
    });
    expect((await post("/import?strategy=replace", only("first"))).status).toBe(204);
    expect(await list()).toEqual(["first"]);
    expect((await post("/import", only("second"))).status).toBe(204);
    expect((await list()).sort()).toEqual(["first", "second"]);
    expect((await post("/import?strategy=merge", only("third"))).status).toBe(204);
    expect((await list()).sort()).toEqual(["first", "second", "third"]);
    expect((await post("/import?strategy=replace", only("third"))).status).toBe(204);
    expect(await list()).toEqual(["third"]);
  });

  it("diffs parsed JSON: the same configuration with its keys in another order is no change", async () => {
    const structure = {
      functions: {
        config: [{ name: "third", private: false }],
        sources: { "third.js": "exports = 1;" },
      },
      values: [{ name: "v", private: false, value: { a: 1, b: 2 } }],
    };
    expect((await post("/import?strategy=replace-by-name", structure)).status).toBe(204);
    const reordered = {
      values: [{ value: { b: 2, a: 1 }, private: false, name: "v" }],
      functions: {
        sources: { "third.js": "exports = 1;" },
        config: [{ private: false, name: "third" }],
      },
    };
    const diff = await post("/import?strategy=replace-by-name&diff=true", reordered);
    expect(diff.status, diff.text).toBe(200);
    expect(diff.body).toEqual([]);
  });

  it("resolves names to ids on import, refuses a name that refers to nothing, and exports names again", async () => {
    const structure = {
      functions: {
        config: [{ name: "onInsert", private: false }],
        sources: { "onInsert.js": "exports = 1;" },
      },
      data_sources: [
        { config: { name: "mongodb-atlas", type: "mongodb-atlas", config: { clusterName: "c" } } },
      ],
      triggers: [
        {
          name: "t",
          type: "DATABASE",
          config: {
            service_name: "mongodb-atlas",
            database: "d",
            collection: "c",
            operation_types: ["INSERT"],
          },
          event_processors: { FUNCTION: { config: { function_name: "onInsert" } } },
        },
      ],
    };
    expect((await post("/import?strategy=replace-by-name", structure)).status).toBe(204);
    const [fn] = (await call(emu, "GET", appPath(emu, "/functions"), { token })).body;
    const [svc] = (await call(emu, "GET", appPath(emu, "/services"), { token })).body;
    const [trigger] = (await call(emu, "GET", appPath(emu, "/triggers"), { token })).body;
    expect(trigger.config.service_id).toBe(svc._id);
    expect(trigger.event_processors.FUNCTION.config.function_id).toBe(fn._id);
    const exported = await download(appPath(emu, "/export"));
    expect(JSON.parse(exported.files["triggers/t.json"]!)).toMatchObject({
      config: { service_name: "mongodb-atlas" },
      event_processors: { FUNCTION: { config: { function_name: "onInsert" } } },
    });
    expect(exported.files["triggers/t.json"]).not.toMatch(/_id/);

    const wrong = structuredClone(structure);
    wrong.triggers[0]!.event_processors.FUNCTION.config.function_name = "missing";
    const refused = await post("/import?strategy=replace-by-name", wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain("names no function 'missing'");
  });

  it("keeps a collection's schema and relationships: GET /schemas lists them, export and pull give them back", async () => {
    const schema = { title: "order", properties: { _id: { bsonType: "objectId" } } };
    const relationships = { owner: { ref: "#/relationship/mongodb-atlas/shop/users" } };
    const structure = {
      data_sources: [
        {
          config: { name: "mongodb-atlas", type: "mongodb-atlas", config: { clusterName: "c" } },
          rules: [{ database: "shop", collection: "orders", schema, relationships }],
        },
      ],
    };
    expect((await post("/import?strategy=replace-by-name", structure)).status).toBe(204);
    const listed = (await call(emu, "GET", appPath(emu, "/schemas"), { token })).body;
    expect(listed).toHaveLength(1);
    const exported = (await download(appPath(emu, "/export"))).files;
    const dir = "data_sources/mongodb-atlas/shop/orders";
    expect(JSON.parse(exported[`${dir}/schema.json`]!)).toEqual(schema);
    expect(JSON.parse(exported[`${dir}/relationships.json`]!)).toEqual(relationships);
    // A namespace with a schema and no rules has no rules.json.
    expect(exported[`${dir}/rules.json`]).toBeUndefined();
    const pulled = (await call(emu, "GET", appPath(emu, "/pull"), { token })).body;
    expect(pulled.schemas).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({
          data_source: "mongodb-atlas",
          database: "shop",
          collection: "orders",
        }),
        schema,
        relationships,
      }),
    ]);
  });

  it("refuses a file that is not JSON, naming it", async () => {
    const zip = zipSync({ "realm_config.json": new TextEncoder().encode("{oops") });
    const answer = await call(emu, "POST", appPath(emu, "/import?strategy=replace-by-name"), {
      token,
      body: zip,
      headers: { "content-type": "application/zip" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/^invalid JSON in realm_config\.json/);
  });
});
