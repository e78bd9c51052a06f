import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";
import { VALUE, NAME, pattern, tooLong } from "./name-refusals.js";

// The documented name rules (name-rules in spec/EVIDENCE.md) reach the emulator through the
// operation schemas: a name the real server refuses is a 400 naming the field, and the longest
// name it takes is accepted.
let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start();
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

/** A create body per resource kind, around `name`. */
const kinds: [string, string, (name: string) => Record<string, unknown>][] = [
  ["a value", "/values", (name) => ({ name, value: 1 })],
  ["a secret", "/secrets", (name) => ({ name, value: "s3cr3t" })],
  ["a service", "/services", (name) => ({ name, type: "http", config: {} })],
  [
    "a trigger",
    "/triggers",
    (name) => ({
      name,
      type: "SCHEDULED",
      function_name: "f",
      config: { schedule: "0 8 * * *" },
    }),
  ],
];

async function post(path: string, json: unknown) {
  const answer = await call(emu, "POST", appPath(emu, path), { token, json });
  return { status: answer.status, body: answer.body as unknown };
}

describe("documented name rules", () => {
  it.each(kinds)(
    "%s: a name with a space or a dot is a 400 naming body.name",
    async (_, path, body) => {
      const rule = path === "/values" || path === "/secrets" ? VALUE : NAME;
      expect(await post(path, body("my name"))).toEqual(pattern("body.name", rule));
      expect(await post(path, body("a.b"))).toEqual(pattern("body.name", rule));
    },
  );

  it.each(kinds)(
    "%s: 65 characters is a 400, the longest (64) is created",
    async (_, path, body) => {
      expect(await post(path, body("x".repeat(65)))).toEqual(tooLong("body.name", 64));
      const longest = `${"Ab1_-".repeat(12)}Ab1_`;
      expect(longest).toHaveLength(64);
      expect((await post(path, body(longest))).status).toBe(201);
    },
  );

  it("a value or secret starting with '_' or '-' is a 400; a digit first is created", async () => {
    for (const path of ["/values", "/secrets"]) {
      const body = (name: string) => ({ name, value: "v" });
      expect(await post(path, body("_x"))).toEqual(pattern("body.name", VALUE));
      expect(await post(path, body("-x"))).toEqual(pattern("body.name", VALUE));
      expect((await post(path, body("9lives"))).status).toBe(201);
    }
  });

  it("a value's update is held to the same rule", async () => {
    const created = await post("/values", { name: "renamed_later", value: 1 });
    expect(created.status).toBe(201);
    const id = (created.body as { _id: string })._id;
    const answer = await call(emu, "PUT", appPath(emu, `/values/${id}`), {
      token,
      json: { name: "renamed later", value: 1 },
    });
    expect({ status: answer.status, body: answer.body }).toEqual(pattern("body.name", VALUE));
  });

  it("a service rule's name is held to the rule", async () => {
    const svc = await post("/services", { name: "http_rules", type: "http", config: {} });
    expect(svc.status).toBe(201);
    const rules = `/services/${(svc.body as { _id: string })._id}/rules`;
    const rule = (name: string) => ({ name, actions: ["get"], when: {} });
    // The body is one of a collection rule or a service rule, with nothing to tell them apart:
    // the emulator reports the first alternative's error (the collection rule's `database`), so
    // only the refusal is checked here.
    const bad = await post(rules, rule("get it"));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error_code: "InvalidParameter" });
    expect((await post(rules, rule("get-it_64".padEnd(64, "x")))).status).toBe(201);
  });

  it("an app name is 1 to 32 characters from a letter", async () => {
    const apps = `/groups/${emu.groupId}/apps`;
    const app = async (name: string) => {
      const answer = await call(emu, "POST", apps, { token, json: { name } });
      return { status: answer.status, body: answer.body as unknown };
    };
    expect(await app("1app")).toEqual(pattern("body.name", "^[A-Za-z][A-Za-z0-9_-]*$"));
    expect(await app("my app")).toEqual(pattern("body.name", "^[A-Za-z][A-Za-z0-9_-]*$"));
    expect(await app("")).toEqual(pattern("body.name", "^[A-Za-z][A-Za-z0-9_-]*$"));
    expect(await app(`a${"-".repeat(31)}`)).toMatchObject({ status: 201 });
  });
});
