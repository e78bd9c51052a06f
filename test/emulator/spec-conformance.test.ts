import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { loadOperationSchemas } from "../../packages/emulator/operation-schemas.js";
import { registryFor, type SchemaRegistry } from "../../packages/emulator/schema-registry.js";
import { call, login, start } from "./helpers.js";
import { checkAnswer, validRequest } from "./spec-operations.js";

// The real per-operation schemas, committed in generated/: a missing file is a failure here.
const doc = loadOperationSchemas();
if (!doc) throw new Error("generated/operation-schemas.json is missing: run npm run regen");

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

  it("routes every operation, hand-written or generic", () => {
    const { generic, handWritten } = emu.control.coverage!;
    expect([...generic, ...handWritten].sort()).toEqual(Object.keys(doc.operations).sort());
    expect(handWritten.sort()).toEqual([
      "adminCreateApplication",
      "adminCreateDeploymentDraft",
      "adminCreateSession",
      "adminCreateValue",
      "adminDeleteApplication",
      "adminDeleteHostedAsset",
      "adminDeleteSession",
      "adminDeleteValue",
      "adminDeployDraft",
      "adminDeployDraftDiff",
      "adminDiscardDraft",
      "adminGetAllHostedAssets",
      "adminGetApplication",
      "adminGetDeployment",
      "adminGetHostedAsset",
      "adminGetLogs",
      "adminGetValue",
      "adminInvalidateHostingCache",
      "adminListApplications",
      "adminListDeploymentDrafts",
      "adminListDeployments",
      "adminListValues",
      "adminLogin",
      "adminMoveCopyHostedAsset",
      "adminRedeployDeployment",
      "adminUpdateHostedAsset",
      "adminUpdateValue",
      "adminUploadHostedAsset",
      "getAdminProfile",
    ]);
  });

  it("compiles every schema of every operation", () => {
    for (const [id, op] of Object.entries(doc.operations)) {
      for (const [status, r] of Object.entries(op.responses ?? {}))
        if (r.schema) expect(() => registry.check(`${id}:${status}`, r.schema!), id).not.toThrow();
      if (op.requestBody?.schema)
        expect(() => registry.check(`${id}:body`, op.requestBody!.schema!), id).not.toThrow();
    }
  });

  it("answers every generic operation's valid request with its declared status and a schema-valid body", async () => {
    const problems: string[] = [];
    for (const id of emu.control.coverage!.generic) {
      const { problem } = await checkAnswer(emu, registry, token, id, doc.operations[id]!);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
  });

  it("answers reads the same way twice (deterministic per path)", async () => {
    for (const id of emu.control.coverage!.generic) {
      const op = doc.operations[id]!;
      if (op.method !== "GET") continue;
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
      error: "environment value not found",
      error_code: "EnvironmentValueNotFound",
    });
  });

  it("rejects a body that breaks its schema with 400 naming the field, for every generic operation with a required object body", async () => {
    let checked = 0;
    for (const id of emu.control.coverage!.generic) {
      const op = doc.operations[id]!;
      if (!op.requestBody?.required || !(op.requestBody.mediaType ?? "").includes("json")) continue;
      const request = validRequest(emu, registry, id, op);
      const answer = await call(emu, op.method, request.path, { token, json: 12345 });
      if (answer.status === 400) {
        expect(answer.body.error_code, id).toBe("InvalidParameter");
        expect(answer.body.error, id).toMatch(/body/);
        checked++;
      } else {
        // Only a schema that accepts any value may let a number through.
        expect(
          registry.check(`${id}:body`, op.requestBody.schema ?? {})(12345),
          id,
        ).toBeUndefined();
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
