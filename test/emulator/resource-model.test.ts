import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationSchemasDocument, RunningEmulator } from "../../packages/emulator/index.js";
import { SchemaRegistry } from "../../packages/emulator/schema-registry.js";
import { appPath, call, fixtureSchemas, login, start } from "./helpers.js";

const doc = JSON.parse(readFileSync(fixtureSchemas, "utf8")) as OperationSchemasDocument;
const registry = new SchemaRegistry(doc);
const valid = (id: string, status: string, body: unknown) =>
  registry.check(`${id}:${status}`, doc.operations[id]!.responses![status]!.schema!)(body);

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start({ operationSchemas: fixtureSchemas });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

describe("validation against the operation schemas", () => {
  it("rejects a missing required body field with 400 naming it", async () => {
    const answer = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { kind: "round" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: "invalid body.name: is required",
      error_code: "InvalidParameter",
    });
  });

  it("names nested fields, wrong types and the rejected enum value", async () => {
    const tags = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { name: "w", kind: "round", tags: ["a", 2] },
    });
    expect(tags.body.error).toBe("invalid body.tags[1]: must be string");
    const kind = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { name: "w", kind: "oval" },
    });
    expect(kind.body.error).toBe(`invalid body.kind: 'oval' must be one of "round", "square"`);
  });

  it("requires a required body and accepts an optional one left out", async () => {
    const missing = await call(emu, "POST", appPath(emu, "/widgets"), { token });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain("request body");
    // Validation comes first: a request without the optional body gets past it (to the 404 of
    // an unknown widget), one with a bad body does not.
    const optional = await call(emu, "POST", appPath(emu, "/widgets/w1/commands/polish"), {
      token,
    });
    expect(optional.status).toBe(404);
    const bad = await call(emu, "POST", appPath(emu, "/widgets/w1/commands/polish"), {
      token,
      json: { shine: -1 },
    });
    expect(bad.body.error).toBe("invalid body.shine: must be >= 0");
  });

  it("validates query parameters after converting them from strings, naming the parameter", async () => {
    expect(
      (await call(emu, "GET", appPath(emu, "/widgets?limit=5&desc=true"), { token })).status,
    ).toBe(200);
    const limit = await call(emu, "GET", appPath(emu, "/widgets?limit=0"), { token });
    expect(limit.body).toEqual({
      error: "invalid query parameter 'limit': must be >= 1",
      error_code: "InvalidParameter",
    });
    const desc = await call(emu, "GET", appPath(emu, "/widgets?desc=maybe"), { token });
    expect(desc.status).toBe(400);
    expect(desc.body.error).toContain("query parameter 'desc'");
  });

  it("checks each item of a comma-list parameter, and ignores the value of a presence-only one", async () => {
    const bad = await call(emu, "GET", appPath(emu, "/logs?type=FUNCTION,DB_TRIGGER"), { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("'DB_TRIGGER'");
    expect(bad.body.error).toContain("query parameter 'type'");
    expect(
      (
        await call(emu, "GET", appPath(emu, "/logs?type=FUNCTION,AUTH&errors_only=whatever"), {
          token,
        })
      ).status,
    ).toBe(200);
  });
});

describe("resource model derived from the fixture's paths", () => {
  it("starts with an empty collection and 404s an unknown id with the collection's code", async () => {
    expect((await call(emu, "GET", appPath(emu, "/widgets"), { token })).body).toEqual([]);
    const other = await call(emu, "GET", appPath(emu, "/widgets/0123456789abcdef01234567"), {
      token,
    });
    expect(other.status).toBe(404);
    expect(other.body).toEqual({
      error: "widget not found: '0123456789abcdef01234567'",
      error_code: "WidgetNotFound",
    });
    for (const method of ["PUT", "DELETE"]) {
      const answer = await call(emu, method, appPath(emu, "/widgets/0123456789abcdef01234567"), {
        token,
        json: method === "PUT" ? { name: "x", kind: "round" } : undefined,
      });
      expect(answer.status, method).toBe(404);
    }
  });

  it("remembers created resources: create, get, list, update, delete", async () => {
    const created = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { name: "gear", kind: "square", size: 3 },
    });
    expect(created.status).toBe(201);
    expect(valid("adminCreateWidget", "201", created.body)).toBeUndefined();
    expect(created.body).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: "gear",
      kind: "square",
      size: 3,
      last_modified: expect.any(Number),
    });
    const id = created.body._id;
    expect((await call(emu, "GET", appPath(emu, `/widgets/${id}`), { token })).body).toEqual(
      created.body,
    );
    // The list answers its summary schema: only the fields it declares.
    expect((await call(emu, "GET", appPath(emu, "/widgets"), { token })).body).toEqual([
      { _id: id, name: "gear", kind: "square" },
    ]);
    const updated = await call(emu, "PUT", appPath(emu, `/widgets/${id}`), {
      token,
      json: { name: "cog", kind: "round" },
    });
    expect(updated.status).toBe(204);
    expect(updated.text).toBe("");
    // PUT replaces the configuration: size is gone.
    expect((await call(emu, "GET", appPath(emu, `/widgets/${id}`), { token })).body).toMatchObject({
      _id: id,
      name: "cog",
      kind: "round",
    });
    expect((await call(emu, "GET", appPath(emu, `/widgets/${id}`), { token })).body.size).toBe(
      undefined,
    );
    expect((await call(emu, "DELETE", appPath(emu, `/widgets/${id}`), { token })).status).toBe(204);
    const gone = await call(emu, "GET", appPath(emu, `/widgets/${id}`), { token });
    expect(gone.status).toBe(404);
    expect(gone.body.error_code).toBe("WidgetNotFound");
    expect((await call(emu, "GET", appPath(emu, "/widgets"), { token })).body).toEqual([]);
  });

  it("refuses a second resource with the same name: 409", async () => {
    const first = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { name: "twin", kind: "round" },
    });
    const second = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { name: "twin", kind: "square" },
    });
    expect(second.status).toBe(409);
    expect(second.body.error_code).toBe("WidgetAlreadyExists");
    await call(emu, "DELETE", appPath(emu, `/widgets/${first.body._id}`), { token });
  });

  it("keeps a configuration object: 404 until set, then what was set, merged by PATCH", async () => {
    const before = await call(emu, "GET", appPath(emu, "/settings"), { token });
    expect(before.status).toBe(404);
    expect(
      (await call(emu, "PATCH", appPath(emu, "/settings"), { token, json: { mode: "fast" } }))
        .status,
    ).toBe(204);
    expect(
      (await call(emu, "PATCH", appPath(emu, "/settings"), { token, json: { enabled: true } }))
        .status,
    ).toBe(204);
    expect((await call(emu, "GET", appPath(emu, "/settings"), { token })).body).toEqual({
      mode: "fast",
      enabled: true,
    });
  });

  it("acts on an existing item only; commands that need a cluster answer 501", async () => {
    expect(
      (await call(emu, "PUT", appPath(emu, "/widgets/0123456789abcdef01234567/enable"), { token }))
        .status,
    ).toBe(404);
    const { body } = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { name: "lamp", kind: "round" },
    });
    const enable = await call(emu, "PUT", appPath(emu, `/widgets/${body._id}/enable`), { token });
    expect(enable.status).toBe(204);
    expect(enable.text).toBe("");
    const polish = await call(emu, "POST", appPath(emu, `/widgets/${body._id}/commands/polish`), {
      token,
    });
    expect(polish.status).toBe(501);
    expect(polish.body.error_code).toBe("NotSupportedByEmulator");
  });

  it("404s an unknown project or app, and wants an access token", async () => {
    const group = await call(
      emu,
      "GET",
      `/groups/0123456789abcdef01234567/apps/${emu.appId}/widgets`,
      { token },
    );
    expect(group.status).toBe(404);
    expect(group.body.error_code).toBe("GroupNotFound");
    const app = await call(
      emu,
      "GET",
      `/groups/${emu.groupId}/apps/0123456789abcdef01234567/widgets`,
      { token },
    );
    expect(app.body.error_code).toBe("AppNotFound");
    expect((await call(emu, "GET", appPath(emu, "/widgets"))).status).toBe(401);
  });

  it("reports how each operation is answered", () => {
    expect(emu.control.coverage).toEqual({
      collections: [
        "adminCreateWidget",
        "adminDeleteWidget",
        "adminGetWidget",
        "adminListWidgets",
        "adminUpdateWidget",
      ],
      settings: ["adminGetSettings", "adminPatchSettings"],
      actions: ["adminEnableWidget", "adminPolishWidget", "adminRunWidgetCommand"],
      handWritten: ["adminGetLogs"],
      unrouted: [],
    });
  });
});
