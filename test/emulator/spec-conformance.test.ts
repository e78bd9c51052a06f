import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { loadOperationSchemas } from "../../packages/emulator/operation-schemas.js";
import { registryFor, type SchemaRegistry } from "../../packages/emulator/schema-registry.js";
import { call, login, start } from "./helpers.js";
import { checkAnswer, expectedRefusal, validRequest } from "./spec-operations.js";

// The real per-operation schemas, committed in generated/: a missing file is a failure here.
const doc = loadOperationSchemas();
if (!doc) throw new Error("generated/operation-schemas.json is missing: run npm run regen");

/** Paths whose requests a schema cannot build (credentials, refresh tokens, multipart, file paths). */
const OWN_SUITES = /^\/auth\/|\/hosting\/(assets|cache)/;

describe("every spec operation of generated/operation-schemas.json", () => {
  let emu: RunningEmulator;
  let token: string;
  let registry: SchemaRegistry;
  beforeAll(async () => {
    emu = await start({ logs: { count: 10 } });
    token = (await login(emu)).access_token;
    registry = registryFor(doc);
  });
  afterAll(() => emu?.stop());

  it("routes every operation: by hand or by the resource model, none left over", () => {
    const { handWritten, collections, settings, actions, unrouted } = emu.control.coverage!;
    expect(unrouted).toEqual([]);
    expect([...handWritten, ...collections, ...settings, ...actions].sort()).toEqual(
      Object.keys(doc.operations).sort(),
    );
  });

  it("compiles every schema of every operation", () => {
    for (const [id, op] of Object.entries(doc.operations)) {
      for (const [status, r] of Object.entries(op.responses ?? {}))
        if (r.schema) expect(() => registry.check(`${id}:${status}`, r.schema!), id).not.toThrow();
      if (op.requestBody?.schema)
        expect(() => registry.check(`${id}:body`, op.requestBody!.schema!), id).not.toThrow();
    }
  });

  it("answers every operation's valid request with its declared status, or the documented 404/409/501", async () => {
    const problems: string[] = [];
    // Deleting the app goes last: everything else acts on it.
    const ids = Object.keys(doc.operations).sort((a, b) =>
      a === "adminDeleteApplication" ? 1 : b === "adminDeleteApplication" ? -1 : a < b ? -1 : 1,
    );
    for (const id of ids) {
      const op = doc.operations[id]!;
      // Sessions and hosting take credentials, tokens and multipart bodies: their own suites.
      if (OWN_SUITES.test(op.path)) continue;
      const { problem, answer } = await checkAnswer(emu, registry, token, id, op);
      if (!problem) continue;
      // Ids made up for the request name nothing stored; some operations need a real cluster.
      if (!expectedRefusal(id, answer)) problems.push(problem);
    }
    expect(problems).toEqual([]);
    // The app is gone now: the next tests get a fresh emulator.
    await emu.stop();
    emu = await start({ logs: { count: 10 } });
    token = (await login(emu)).access_token;
  });

  it("answers reads the same way twice (state, not chance)", async () => {
    for (const id of Object.keys(doc.operations)) {
      const op = doc.operations[id]!;
      // Logs and usage are about time, not state.
      if (op.method !== "GET" || /Logs|Measurements|Metrics/.test(id)) continue;
      const request = validRequest(emu, registry, id, op);
      const first = await call(emu, "GET", request.path, { token });
      const second = await call(emu, "GET", request.path, { token });
      expect(second.text, id).toBe(first.text);
    }
  });

  it("names a deleted resource's 404 after its collection, e.g. EnvironmentValueNotFound", async () => {
    const base = `/groups/${emu.groupId}/apps/${emu.appId}/environment_values`;
    const created = await call(emu, "POST", base, { token, json: { name: "env_one", values: {} } });
    expect(created.status, created.text).toBe(201);
    const path = `${base}/${created.body._id}`;
    expect((await call(emu, "GET", path, { token })).body.name).toBe("env_one");
    expect((await call(emu, "DELETE", path, { token })).status).toBe(204);
    const gone = await call(emu, "GET", path, { token });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      error: `environment value not found: '${created.body._id}'`,
      error_code: "EnvironmentValueNotFound",
    });
  });

  it("rejects a body that breaks its schema with 400 naming the field, for every operation with a required JSON body", async () => {
    let checked = 0;
    for (const id of Object.keys(doc.operations)) {
      const op = doc.operations[id]!;
      if (!op.requestBody?.required || !(op.requestBody.mediaType ?? "").includes("json")) continue;
      // A schema that accepts any value (no `type`) lets a number through: nothing to reject.
      if (!registry.check(`${id}:body`, op.requestBody.schema ?? {})(12345)) continue;
      if (OWN_SUITES.test(op.path) && id !== "adminInvalidateHostingCache") continue;
      const request = validRequest(emu, registry, id, op);
      const answer = await call(emu, op.method, request.path, { token, json: 12345 });
      expect(answer.status, `${id}: ${answer.text}`).toBe(400);
      expect(answer.body.error_code, id).toBe("InvalidParameter");
      expect(answer.body.error, id).toMatch(/body/);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
