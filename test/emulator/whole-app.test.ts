import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

// Drafts over the whole app, users' list semantics, the environment, hosting setup, function
// execution and the public provider list, over raw HTTP against state.
let emu: RunningEmulator;
let token: string;
let now = Date.UTC(2025, 0, 1);
beforeAll(async () => {
  emu = await start({ logs: { count: 0 }, clock: { now: () => now } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

const req = (method: string, path: string, json?: unknown) =>
  call(emu, method, appPath(emu, path), { token, json });

describe("drafts cover the whole app", () => {
  it("a function created in a draft is in its diff, and gone once the draft is discarded", async () => {
    const draft = (await req("POST", "/drafts")).body;
    const fn = await req("POST", "/functions", {
      name: "drafted",
      private: false,
      source: "exports = () => 1;",
    });
    expect(fn.status).toBe(201);
    const diff = await req("GET", `/drafts/${draft._id}/diff`);
    expect(diff.status).toBe(200);
    const heads = diff.body.diffs.map((d: string) => d.split("\n").slice(0, 2).join(" "));
    expect(heads).toEqual([
      "--- functions/config.json +++ functions/config.json",
      "--- /dev/null +++ functions/drafted.js",
    ]);
    expect((await req("DELETE", `/drafts/${draft._id}`)).status).toBe(204);
    expect((await req("GET", "/functions")).body).toEqual([]);
    expect((await req("GET", `/functions/${fn.body._id}`)).status).toBe(404);
  });

  it("discard restores everything: services with their rules, secrets, settings, the environment", async () => {
    const secret = await req("POST", "/secrets", { name: "kept", value: "s3cret" });
    const draft = (await req("POST", "/drafts")).body;
    const svc = await req("POST", "/services", {
      name: "svc",
      type: "twilio",
      config: { sid: "x" },
    });
    const rule = await req("POST", `/services/${svc.body._id}/rules`, {
      database: "db",
      collection: "orders",
      roles: [],
    });
    expect(rule.status, rule.text).toBe(201);
    await req("DELETE", `/secrets/${secret.body._id}`);
    await req("PATCH", "/custom_user_data", { enabled: true });
    await req("PUT", "/environment", { environment: "production" });
    const diff = (await req("GET", `/drafts/${draft._id}/diff`)).body.diffs.join("\n");
    expect(diff).toContain("+++ services/svc/config.json");
    expect(diff).toContain("+++ services/svc/rules/db.orders.json");
    expect(diff).toContain("+++ auth/custom_user_data.json");
    expect(diff).toContain('+    "environment": "production"');
    expect((await req("DELETE", `/drafts/${draft._id}`)).status).toBe(204);
    expect((await req("GET", "/services")).body).toEqual([]);
    expect((await req("GET", `/services/${svc.body._id}/rules`)).status).toBe(404);
    expect((await req("GET", "/secrets")).body).toEqual([{ _id: secret.body._id, name: "kept" }]);
    expect((await req("GET", "/custom_user_data")).body).toEqual({ enabled: false });
    expect((await req("GET", "")).body.environment).toBeUndefined();
  });

  it("deploying applies everything: the changes stay, the deployment ends successful by time", async () => {
    const draft = (await req("POST", "/drafts")).body;
    await req("POST", "/functions", {
      name: "shipped",
      private: false,
      source: "exports = () => 2;",
    });
    const deployed = await req("POST", `/drafts/${draft._id}/deployment`);
    expect(deployed.body.status).toBe("created");
    now += 1000;
    const [listed] = (await req("GET", "/deployments")).body;
    expect(listed).toMatchObject({ _id: deployed.body._id, status: "successful" });
    expect((await req("GET", "/drafts")).body).toEqual([]);
    expect((await req("GET", "/functions")).body.map((f: { name: string }) => f.name)).toEqual([
      "shipped",
    ]);
  });
});

describe("users", () => {
  it("pages by _id 50 at a time: after, desc; a loop that stops on an empty page stops", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const made = await req("POST", "/users", {
        email: `u${i}@example.com`,
        password: "password1",
      });
      expect(made.status).toBe(201);
      ids.push(made.body._id);
    }
    const seen: string[] = [];
    let after = "";
    for (let page = 0; page < 10; page++) {
      const got = await req("GET", `/users${after ? `?after=${after}` : ""}`);
      if (!got.body.length) break;
      expect(got.body.length).toBeLessThanOrEqual(50);
      seen.push(...got.body.map((u: { _id: string }) => u._id));
      after = got.body.at(-1)._id;
    }
    expect(seen).toEqual(ids);
    const desc = await req("GET", "/users?desc=true");
    expect(desc.body.map((u: { _id: string }) => u._id)).toEqual(ids.slice(-50).reverse());
    expect((await req("GET", "/users?sort=email")).status).toBe(400);
  });

  it("filters by status and provider_types, as the official CLI asks", async () => {
    const first = (await req("GET", "/users")).body[0];
    expect((await req("PUT", `/users/${first._id}/disable`)).status).toBe(204);
    const key = await req("POST", "/api_keys", { name: "ci" });
    expect(key.body.key).toMatch(/^[0-9a-f]{64}$/);
    expect((await req("GET", `/api_keys/${key.body._id}`)).body.key).toBeUndefined();
    const disabled = (await req("GET", "/users?status=disabled")).body;
    expect(disabled.map((u: { _id: string }) => u._id)).toEqual([first._id]);
    const keys = (await req("GET", "/users?provider_types=api-key")).body;
    expect(keys).toHaveLength(1);
    expect(keys[0].identities[0]).toMatchObject({ id: key.body._id, provider_type: "api-key" });
    const both = (await req("GET", "/users?provider_types=api-key,local-userpass&status=enabled"))
      .body;
    expect(both.length).toBe(50);
    expect(first.identities[0].provider_type).toBe("local-userpass");
  });
});

describe("the app itself", () => {
  it("sets and reads the environment", async () => {
    const set = await req("PUT", "/environment", { environment: "qa" });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ _id: emu.appId, environment: "qa" });
    expect((await req("GET", "")).body.environment).toBe("qa");
    expect((await req("PUT", "/environment", { environment: "staging" })).status).toBe(400);
  });

  it("a new app's hosting is disabled (cache invalidation refused); enabled, it is setup_ok", async () => {
    const made = await call(emu, "POST", `/groups/${emu.groupId}/apps`, {
      token,
      json: { name: "site" },
    });
    const base = `/groups/${emu.groupId}/apps/${made.body._id}`;
    expect((await call(emu, "GET", `${base}/hosting/config`, { token })).body).toEqual({
      enabled: false,
    });
    const refused = await call(emu, "PUT", `${base}/hosting/cache`, {
      token,
      json: { invalidate: true, path: "/*" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: "hosting is disabled" });
    expect(
      (await call(emu, "PATCH", `${base}/hosting/config`, { token, json: { enabled: true } }))
        .status,
    ).toBe(204);
    const config = (await call(emu, "GET", `${base}/hosting/config`, { token })).body;
    expect(config).toMatchObject({ enabled: true, status: "setup_ok" });
  });

  it("a new app has no functions, secrets or values, one access-list entry and the api-key provider", async () => {
    const made = await call(emu, "POST", `/groups/${emu.groupId}/apps`, {
      token,
      json: { name: "blank" },
    });
    const base = `/groups/${emu.groupId}/apps/${made.body._id}`;
    const get = async (p: string) => (await call(emu, "GET", base + p, { token })).body;
    expect(await get("/functions")).toEqual([]);
    expect(await get("/secrets")).toEqual([]);
    expect(await get("/values")).toEqual([]);
    expect((await get("/security/access_list")).allowed_ips).toEqual([
      expect.objectContaining({ address: "0.0.0.0/0" }),
    ]);
    expect(await get("/auth_providers")).toEqual([
      expect.objectContaining({ name: "api-key", type: "api-key", disabled: true }),
    ]);
  });

  it("executes nothing, but answers either identity with the documented shape, and 400 for both or neither", async () => {
    await req("POST", "/functions", {
      name: "sum",
      private: false,
      source: "exports = (a, b) => a + b;",
    });
    const body = { name: "sum", arguments: [1, { two: 2 }] };
    const system = await req("POST", "/debug/execute_function?run_as_system=true", body);
    expect(system.status).toBe(200);
    expect(system.body).toEqual({ logs: [], stats: { execution_time: "0s" } });
    const user = (await req("GET", "/users")).body[1];
    emu.control.stubFunction("sum", { result: 3, logs: ["adding"] });
    const asUser = await req("POST", `/debug/execute_function?user_id=${user._id}`, body);
    expect(asUser.body).toEqual({ result: 3, logs: ["adding"], stats: { execution_time: "0s" } });
    for (const query of [`?user_id=${user._id}&run_as_system=true`, ""]) {
      const bad = await req("POST", `/debug/execute_function${query}`, body);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error_code).toBe("InvalidParameter");
    }
    expect(
      (await req("POST", "/debug/execute_function?run_as_system=true", { name: "nope" })).status,
    ).toBe(404);
  });

  it("lists the admin login providers without a session", async () => {
    const answer = await call(emu, "GET", "/auth/providers");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([expect.objectContaining({ type: "mongodb-cloud" })]);
  });
});
