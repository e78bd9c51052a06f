import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";
import { multipart, uploadParts } from "./multipart.js";

// Careless and odd clients of the emulator: each case here was a 500 or a silent misbehaviour.
let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start({ logs: { count: 5 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

describe("hostile request bodies", () => {
  it("a deeply nested JSON body is a 400 naming the depth, not a 500, and nothing is stored", async () => {
    const depth = 5000;
    const answer = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      body: `{"name":"deep","private":false,"value":${"[".repeat(depth)}${"]".repeat(depth)}}`,
      headers: { "content-type": "application/json" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: "malformed JSON in request body: nested deeper than 1000 levels",
      error_code: "InvalidJSON",
    });
    const list = await call(emu, "GET", appPath(emu, "/values"), { token });
    expect(list.body.map((v: { name: string }) => v.name)).not.toContain("deep");
  });

  it("brackets inside strings do not count as nesting", async () => {
    const answer = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "brackets", private: false, value: `\\"${"[{".repeat(2000)}` },
    });
    expect(answer.status).toBe(201);
  });
});

describe("control calls with odd arguments", () => {
  it("a fault matched by a global RegExp fires on every matching request", async () => {
    emu.control.failNext({ path: /\/values$/g, count: 3, status: 418 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call(emu, "GET", appPath(emu, "/values"), { token })).status);
    expect(statuses).toEqual([418, 418, 418]);
    expect((await call(emu, "GET", appPath(emu, "/values"), { token })).status).toBe(200);
  });

  it("failNext refuses a status or header Node cannot send, at the call, not on a later request", () => {
    expect(() => emu.control.failNext({ status: 1000 })).toThrow(
      "fault status must be an integer from 100 to 999, got 1000",
    );
    expect(() => emu.control.failNext({ headers: { "bad header": "x" } })).toThrow(
      /fault header 'bad header'/,
    );
    expect(() => emu.control.failNext({ headers: { x: "a\nb" } })).toThrow(/fault header 'x'/);
  });

  it("setLatency refuses a delay a timer cannot wait (it would fire after 1 ms)", () => {
    expect(() => emu.control.setLatency(Infinity)).toThrow(/latency must be/);
    expect(() => emu.control.setLatency(2 ** 31)).toThrow(/latency must be/);
  });

  it("appendLogs with one bad entry appends none of them", async () => {
    const before = emu.control.appendLogs(0).length;
    expect(before).toBe(0);
    expect(() => emu.control.appendLogs([{ type: "FUNCTION" }, { started: "not a time" }])).toThrow(
      "appendLogs: entry 1, field started: must be a UTC timestamp in the API's format",
    );
    expect(() => emu.control.appendLogs([{}, null as never])).toThrow(
      "appendLogs: entry 1 must be an object",
    );
    expect(() => emu.control.appendLogs([{ type: 5 as never }])).toThrow(
      "appendLogs: entry 0 has a non-string type",
    );
    expect(() => emu.control.appendLogs(1.5)).toThrow(
      "appendLogs: count must be a non-negative integer, got 1.5",
    );
    const logs = await call(emu, "GET", appPath(emu, "/logs"), { token });
    expect(logs.status).toBe(200);
    expect(logs.body.logs).toHaveLength(5);
  });

  // DESIGN §4 Logs: the API writes UTC with `Z` and at most milliseconds; what Date.parse also
  // takes (a date alone, an offset, no zone, a day past the month's end) is refused.
  it.each([
    ["2024-05-01", "started"],
    ["2024-05-01T12:34:56+02:00", "started"],
    ["2024-05-01T12:34:56", "started"],
    ["2024-05-01 12:34:56Z", "started"],
    ["2024-05-01T12:34Z", "started"],
    ["2024-05-01T12:34:56.1234Z", "started"],
    ["2024-02-30T00:00:00Z", "started"],
    ["Wed, 01 May 2024 12:34:56 GMT", "completed"],
  ])("appendLogs refuses %s as %s, naming the entry and the field", (text, field) => {
    expect(() =>
      emu.control.appendLogs([{ type: "FUNCTION" }, { type: "AUTH", [field]: text }]),
    ).toThrow(
      `appendLogs: entry 1, field ${field}: must be a UTC timestamp in the API's format ` +
        `('2024-05-01T12:34:56.78Z': seconds, at most 3 fraction digits, 'Z'), got ${JSON.stringify(text)}`,
    );
  });

  it("appendLogs takes the API's own format, trimmed or full milliseconds", () => {
    const [a, b, c] = emu.control.appendLogs([
      { started: "2024-05-01T12:34:56Z" },
      { started: "2024-05-01T12:34:56.41Z", completed: "2024-05-01T12:34:57.410Z" },
      { started: "2024-05-01T12:34:56.410Z" },
    ]);
    expect([a!.started, b!.started, c!.started]).toEqual([
      "2024-05-01T12:34:56Z",
      "2024-05-01T12:34:56.41Z",
      "2024-05-01T12:34:56.41Z",
    ]);
  });
});

describe("hostile imports", () => {
  it("an import refused halfway imports nothing", async () => {
    const answer = await call(emu, "POST", appPath(emu, "/import"), {
      token,
      json: {
        values: [{ name: "half_imported", value: 1, private: false }],
        triggers: [
          {
            name: "t",
            type: "SCHEDULED",
            config: { schedule: "* * * * *" },
            function_name: "no_such_function",
          },
        ],
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain("no_such_function");
    const values = await call(emu, "GET", appPath(emu, "/values"), { token });
    expect(values.body.map((v: { name: string }) => v.name)).not.toContain("half_imported");
  });

  it("a configuration list of the wrong type is a 400 naming it, not a 500 or a junk resource", async () => {
    const cases: [unknown, string][] = [
      [{ values: 5 }, "invalid body.values: must be a list of objects"],
      [{ values: [5] }, "invalid body.values[0]: must be an object"],
      [{ values: [null] }, "invalid body.values[0]: must be an object"],
      [{ functions: { config: 5 } }, "invalid body.functions.config: must be a list of objects"],
      [{ endpoints: { config: [null] } }, "invalid body.endpoints.config[0]: must be an object"],
      [{ services: 5 }, "invalid body.services: must be a list of objects"],
      [{ services: [null] }, "invalid body.services[0]: must be an object"],
      [{ auth: { providers: [null] } }, "invalid body.auth.providers.0: must be an object"],
      [
        { secrets: { services: { mongodb: null } } },
        "invalid body.secrets.services.mongodb: must be an object",
      ],
    ];
    for (const [json, error] of cases) {
      const answer = await call(emu, "POST", appPath(emu, "/import"), { token, json });
      expect({ json, status: answer.status, body: answer.body }).toEqual({
        json,
        status: 400,
        body: { error, error_code: "InvalidParameter" },
      });
    }
    const values = await call(emu, "GET", appPath(emu, "/values"), { token });
    expect(values.body.every((v: { name?: unknown }) => typeof v.name === "string")).toBe(true);
  });
});

describe("hostile names", () => {
  it("an app name longer than the documented 32 characters is a 400", async () => {
    const path = `/groups/${emu.groupId}/apps`;
    const long = await call(emu, "POST", path, { token, json: { name: "a".repeat(33) } });
    expect(long.status).toBe(400);
    expect(long.body).toEqual({
      // The repaired spec's rule (name-rules) refuses it before the route's own check.
      error: "invalid body.name: must NOT have more than 32 characters",
      error_code: "InvalidParameter",
    });
    const longest = await call(emu, "POST", path, { token, json: { name: "b".repeat(32) } });
    expect(longest.status).toBe(201);
  });
});

describe("hostile query values", () => {
  it("measurements with an end that is no date: not a 500 (the spec types it as a plain string)", async () => {
    for (const path of [`/groups/${emu.groupId}/measurements`, appPath(emu, "/measurements")]) {
      const answer = await call(emu, "GET", `${path}?end=zz`, { token });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.end).toBe("zz");
      expect(Number.isNaN(Date.parse(answer.body.start))).toBe(false);
    }
  });
});

describe("hostile hosting uploads", () => {
  it("an attribute value no HTTP header can carry is a 400 at upload, not a 500 on every fetch", async () => {
    for (const value of ["no-cache\r\nSet-Cookie: a=b", "caf\u20ac"]) {
      const { body, contentType } = multipart(
        uploadParts("/bad-attr.txt", "abc", { attrs: [{ name: "Cache-Control", value }] }),
      );
      const answer = await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
        token,
        body,
        headers: { "content-type": contentType },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toContain("meta.attrs[0].value");
      const origin = new URL(emu.url).origin;
      const clientAppId = (await call(emu, "GET", appPath(emu), { token })).body.client_app_id;
      const served = await fetch(`${origin}/hosted/${clientAppId}/bad-attr.txt`);
      await served.arrayBuffer();
      expect(served.status).toBe(404);
    }
  });
});
