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

describe("generic layer: validation against the operation schemas", () => {
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
    const optional = await call(emu, "POST", appPath(emu, "/widgets/w1/commands/polish"), {
      token,
    });
    expect(optional.status).toBe(200);
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

describe("generic layer: routing and answers", () => {
  it("prefers literal segments over {params}", async () => {
    const polish = await call(emu, "POST", appPath(emu, "/widgets/w1/commands/polish"), { token });
    expect(polish.body).toEqual({ ran: "polish" });
    const other = await call(emu, "POST", appPath(emu, "/widgets/w1/commands/shake"), { token });
    expect(other.body).toEqual({ ran: "generic" });
  });

  it("synthesises schema-valid bodies, the same for the same resource", async () => {
    const listed = await call(emu, "GET", appPath(emu, "/widgets"), { token });
    expect(valid("adminListWidgets", "200", listed.body)).toBeUndefined();
    expect(listed.body.length).toBeGreaterThan(0);
    const first = listed.body[0];
    const got = await call(emu, "GET", appPath(emu, `/widgets/${first._id}`), { token });
    expect(valid("adminGetWidget", "200", got.body)).toBeUndefined();
    expect(got.body).toMatchObject({ _id: first._id, name: first.name, kind: first.kind });
    expect((await call(emu, "GET", appPath(emu, `/widgets/${first._id}`), { token })).body).toEqual(
      got.body,
    );
    const other = await call(emu, "GET", appPath(emu, "/widgets/0123456789abcdef01234567"), {
      token,
    });
    expect(other.body._id).toBe("0123456789abcdef01234567");
  });

  it("uses the spec's example where there is one", async () => {
    const settings = await call(emu, "GET", appPath(emu, "/settings"), { token });
    expect(settings.body).toEqual({ enabled: true, mode: "safe" });
  });

  it("remembers created resources: create, get, list, update, delete", async () => {
    const created = await call(emu, "POST", appPath(emu, "/widgets"), {
      token,
      json: { name: "gear", kind: "square", size: 3 },
    });
    expect(created.status).toBe(201);
    expect(valid("adminCreateWidget", "201", created.body)).toBeUndefined();
    expect(created.body).toMatchObject({ name: "gear", kind: "square", size: 3 });
    const id = created.body._id;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect((await call(emu, "GET", appPath(emu, `/widgets/${id}`), { token })).body).toMatchObject({
      _id: id,
      name: "gear",
      size: 3,
    });
    expect((await call(emu, "GET", appPath(emu, "/widgets"), { token })).body).toContainEqual(
      expect.objectContaining({ _id: id, name: "gear" }),
    );

    const updated = await call(emu, "PUT", appPath(emu, `/widgets/${id}`), {
      token,
      json: { name: "cog", kind: "round" },
    });
    expect(updated.status).toBe(204);
    expect(updated.text).toBe("");
    expect((await call(emu, "GET", appPath(emu, `/widgets/${id}`), { token })).body).toMatchObject({
      name: "cog",
      kind: "round",
      size: 3,
    });

    expect((await call(emu, "DELETE", appPath(emu, `/widgets/${id}`), { token })).status).toBe(204);
    const gone = await call(emu, "GET", appPath(emu, `/widgets/${id}`), { token });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: "widget not found", error_code: "WidgetNotFound" });
    expect(
      (await call(emu, "GET", appPath(emu, "/widgets"), { token })).body.map(
        (w: { _id: string }) => w._id,
      ),
    ).not.toContain(id);
  });

  it("updates a singleton resource in place", async () => {
    expect(
      (await call(emu, "PATCH", appPath(emu, "/settings"), { token, json: { mode: "fast" } }))
        .status,
    ).toBe(204);
    expect((await call(emu, "GET", appPath(emu, "/settings"), { token })).body).toMatchObject({
      mode: "fast",
    });
  });

  it("answers an action without content with its declared status and no body", async () => {
    const answer = await call(emu, "PUT", appPath(emu, "/widgets/w1/enable"), { token });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
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

  it("reports which operations it answers generically", () => {
    expect(emu.control.coverage!.generic.sort()).toEqual([
      "adminCreateWidget",
      "adminDeleteWidget",
      "adminEnableWidget",
      "adminGetSettings",
      "adminGetWidget",
      "adminListWidgets",
      "adminPatchSettings",
      "adminPolishWidget",
      "adminRunWidgetCommand",
      "adminUpdateWidget",
    ]);
    expect(emu.control.coverage!.handWritten).toEqual(["adminGetLogs"]);
  });
});
