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
