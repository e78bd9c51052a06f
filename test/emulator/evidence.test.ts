// Answers the emulator once guessed and now takes from evidence (README "Where it guesses"):
// each test names its source.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start({ logs: { count: 0 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

const req = async (method: string, suffix: string, json?: unknown) => {
  const answer = await call(emu, method, appPath(emu, suffix), { token, json });
  return { status: answer.status, body: answer.body };
};

describe("users", () => {
  // spec components/schemas User `type`: "Users created through the `api-key` provider have the
  // type `server`"; the others are `normal`.
  it("an API key's user is `server`, an email/password user `normal`", async () => {
    const key = await req("POST", "/api_keys", { name: "evidence-key" });
    expect(key.status).toBe(201);
    await req("POST", "/users", { email: "evidence@example.com", password: "password1" });
    const users = (await req("GET", "/users")).body as {
      type: string;
      identities: { id: string; provider_type: string }[];
    }[];
    const byProvider = (type: string) =>
      users.filter((u) => u.identities[0]!.provider_type === type);
    expect(byProvider("api-key").map((u) => [u.identities[0]!.id, u.type])).toEqual([
      [key.body._id, "server"],
    ]);
    expect(byProvider("local-userpass").map((u) => u.type)).toEqual(["normal"]);
  });
});

describe("a service's default rule", () => {
  // spec adminGetDefaultRule / adminCreateDefaultRule / adminUpdateDefaultRule /
  // adminDeleteDefaultRule: `BasicError` (no error_code) with these words; the Admin API
  // reference (seed 002) shows the update's and the delete's.
  it("created once, updated in place: the other orders get the spec's answers, word for word", async () => {
    const svc = await req("POST", "/services", {
      name: "mongodb-atlas",
      type: "mongodb-atlas",
      config: { clusterName: "Cluster0", readPreference: "primary", wireProtocolEnabled: false },
    });
    expect(svc.status).toBe(201);
    const rule = `/services/${svc.body._id}/default_rule`;
    const error = (status: number, message: string) => ({ status, body: { error: message } });

    expect(await req("GET", rule)).toEqual(error(404, "default rule does not exist on service"));
    expect(await req("PUT", rule, { _id: "0".repeat(24), roles: [], filters: [] })).toEqual(
      error(400, "default rule does not exist"),
    );
    expect(await req("DELETE", rule)).toEqual(
      error(404, "default rule does not exist for app service"),
    );

    const made = await req("POST", rule, { roles: [], filters: [] });
    expect(made.status).toBe(201);
    expect(await req("POST", rule, { roles: [], filters: [] })).toEqual(
      error(400, "default rule already exists"),
    );
    expect(await req("PUT", rule, { _id: "0".repeat(24), roles: [], filters: [] })).toEqual(
      error(400, "service default rule id mismatch"),
    );
    const filters = [{ name: "mine", query: {}, apply_when: {} }];
    expect((await req("PUT", rule, { _id: made.body._id, roles: [], filters })).status).toBe(204);
    expect((await req("GET", rule)).body).toMatchObject({ _id: made.body._id, filters });
    expect((await req("DELETE", rule)).status).toBe(204);
    expect((await req("GET", rule)).status).toBe(404);
  });
});
