import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { loadOperationSchemas } from "../../packages/emulator/operation-schemas.js";
import { SchemaRegistry } from "../../packages/emulator/schema-registry.js";
import { appPath, call, login, start } from "./helpers.js";

const doc = loadOperationSchemas();
const registry = doc && new SchemaRegistry(doc);
let emu: RunningEmulator;
let token: string;

beforeAll(async () => {
  emu = await start({ logs: { count: 1 }, appName: "myapp" });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

describe("apps", () => {
  it("seeds a project with one app whose _id is the appId", async () => {
    const answer = await call(emu, "GET", `/groups/${emu.groupId}/apps`, { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(1);
    const [app] = answer.body;
    expect(app).toMatchObject({
      _id: emu.appId,
      name: "myapp",
      group_id: emu.groupId,
      product: "standard",
    });
    expect(app.client_app_id).toMatch(/^myapp-[a-z]{5}$/);
    expect(emu.groupId).toMatch(/^[0-9a-f]{24}$/);
    expect(
      registry!.check(
        "adminListApplications:200",
        doc!.operations.adminListApplications!.responses!["200"]!.schema!,
      )(answer.body),
    ).toBeUndefined();
  });

  it("gets an app, and 404s an unknown app or project", async () => {
    const got = await call(emu, "GET", appPath(emu), { token });
    expect(got.body._id).toBe(emu.appId);
    expect(
      registry!.check(
        "adminGetApplication:200",
        doc!.operations.adminGetApplication!.responses!["200"]!.schema!,
      )(got.body),
    ).toBeUndefined();
    expect(
      (await call(emu, "GET", `/groups/${emu.groupId}/apps/0123456789abcdef01234567`, { token }))
        .body.error_code,
    ).toBe("AppNotFound");
    expect(
      (await call(emu, "GET", "/groups/0123456789abcdef01234567/apps", { token })).status,
    ).toBe(404);
  });

  it("creates apps per product and lists product types separately", async () => {
    const created = await call(emu, "POST", `/groups/${emu.groupId}/apps`, {
      token,
      json: { name: "triggers", location: "IE" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "triggers",
      location: "IE",
      product: "standard",
      group_id: emu.groupId,
    });
    const atlas = await call(emu, "POST", `/groups/${emu.groupId}/apps?product=atlas`, {
      token,
      json: { name: "atlasapp" },
    });
    expect(atlas.body.product).toBe("atlas");
    const standard = await call(emu, "GET", `/groups/${emu.groupId}/apps`, { token });
    expect(standard.body.map((a: { name: string }) => a.name).sort()).toEqual([
      "myapp",
      "triggers",
    ]);
    const atlasOnly = await call(emu, "GET", `/groups/${emu.groupId}/apps?product=atlas`, {
      token,
    });
    expect(atlasOnly.body.map((a: { name: string }) => a.name)).toEqual(["atlasapp"]);
    const both = await call(emu, "GET", `/groups/${emu.groupId}/apps?product=standard,atlas`, {
      token,
    });
    expect(both.body).toHaveLength(3);
    const bad = await call(emu, "GET", `/groups/${emu.groupId}/apps?product=mobile`, { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("product");
  });

  it("refuses a duplicate name and a missing one", async () => {
    expect(
      (await call(emu, "POST", `/groups/${emu.groupId}/apps`, { token, json: { name: "myapp" } }))
        .status,
    ).toBe(409);
    const missing = await call(emu, "POST", `/groups/${emu.groupId}/apps`, { token, json: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain("name");
  });

  it("deletes an app: 204, then 404", async () => {
    const created = await call(emu, "POST", `/groups/${emu.groupId}/apps`, {
      token,
      json: { name: "doomed" },
    });
    const path = `/groups/${emu.groupId}/apps/${created.body._id}`;
    expect((await call(emu, "DELETE", path, { token })).status).toBe(204);
    expect((await call(emu, "GET", path, { token })).status).toBe(404);
  });

  it("gives a new app its own empty logs, hosting and drafts", async () => {
    const created = await call(emu, "POST", `/groups/${emu.groupId}/apps`, {
      token,
      json: { name: "fresh" },
    });
    const base = `/groups/${emu.groupId}/apps/${created.body._id}`;
    expect((await call(emu, "GET", `${base}/logs`, { token })).body).toEqual({ logs: [] });
    expect(
      (await call(emu, "GET", `${base}/hosting/assets?recursive=true`, { token })).body,
    ).toEqual([]);
    expect((await call(emu, "GET", `${base}/drafts`, { token })).body).toEqual([]);
  });
});
