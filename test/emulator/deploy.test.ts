import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { loadOperationSchemas } from "../../packages/emulator/operation-schemas.js";
import { SchemaRegistry } from "../../packages/emulator/schema-registry.js";
import { appPath, call, login, start } from "./helpers.js";
import { multipart, uploadParts } from "./multipart.js";

let emu: RunningEmulator;
let token: string;
// The committed generator output: hand-written answers must fit it where the real API agrees.
const doc = loadOperationSchemas();
const registry = doc && new SchemaRegistry(doc);

function expectSpecValid(id: string, status: number, body: unknown): void {
  expect(registry, "generated/operation-schemas.json").toBeDefined();
  expect(
    registry!.check(
      `${id}:${status}`,
      doc!.operations[id]!.responses![String(status)]!.schema!,
    )(body),
    id,
  ).toBeUndefined();
}

async function createDraft(): Promise<{ _id: string }> {
  const answer = await call(emu, "POST", appPath(emu, "/drafts"), { token });
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
}

// Deployments advance by the emulator's clock; this one moves only when a test says so.
let now = Date.UTC(2025, 0, 1);
const advance = (ms: number) => void (now += ms);

beforeAll(async () => {
  emu = await start({
    logs: { count: 1 },
    clock: { now: () => now },
    deploymentTiming: { createdMs: 50, pendingMs: 150 },
  });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

describe("drafts and deployments (DESIGN §4)", () => {
  it("lists drafts as an array: [] without one, [draft] with one", async () => {
    expect((await call(emu, "GET", appPath(emu, "/drafts"), { token })).body).toEqual([]);
    const draft = await createDraft();
    expectSpecValid("adminCreateDeploymentDraft", 201, draft);
    const listed = await call(emu, "GET", appPath(emu, "/drafts"), { token });
    expect(listed.body).toEqual([draft]);
    expectSpecValid("adminListDeploymentDrafts", 200, listed.body);
    expect(draft).toMatchObject({
      user_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      app: { _id: emu.appId },
    });
    expect(
      (await call(emu, "DELETE", appPath(emu, `/drafts/${draft._id}`), { token })).status,
    ).toBe(204);
  });

  it("allows one draft per user per app: a second create is 409 DraftAlreadyExists", async () => {
    const draft = await createDraft();
    const again = await call(emu, "POST", appPath(emu, "/drafts"), { token });
    expect(again.status).toBe(409);
    expect(again.body.error_code).toBe("DraftAlreadyExists");
    expect(
      (await call(emu, "DELETE", appPath(emu, `/drafts/${draft._id}`), { token })).status,
    ).toBe(204);
  });

  it("discards a draft (204), undoing its changes; an unknown draft is 404", async () => {
    const draft = await createDraft();
    const created = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "discarded", private: false, value: 1 },
    });
    expect(created.status).toBe(201);
    const discard = await call(emu, "DELETE", appPath(emu, `/drafts/${draft._id}`), { token });
    expect(discard.status).toBe(204);
    expect(discard.text).toBe("");
    expect((await call(emu, "GET", appPath(emu, "/values"), { token })).body).toEqual([]);
    expect((await call(emu, "GET", appPath(emu, "/drafts"), { token })).body).toEqual([]);
    expect(
      (await call(emu, "DELETE", appPath(emu, `/drafts/${draft._id}`), { token })).status,
    ).toBe(404);
  });

  it("diffs a draft (200) with the Values and hosted files it changed", async () => {
    const draft = await createDraft();
    await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "greeting", private: false, value: "hi" },
    });
    const { body, contentType } = multipart(uploadParts("/draft.html", "<p>draft</p>"));
    await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
      token,
      body,
      headers: { "content-type": contentType },
    });
    const diff = await call(emu, "GET", appPath(emu, `/drafts/${draft._id}/diff`), { token });
    expect(diff.status).toBe(200);
    expectSpecValid("adminDeployDraftDiff", 200, diff.body);
    expect(diff.body.diffs).toHaveLength(1);
    expect(diff.body.diffs[0]).toContain("values/greeting.json");
    expect(diff.body.hosting_files_diff).toEqual({
      added: ["/draft.html"],
      deleted: [],
      modified: [],
    });
    await call(emu, "DELETE", appPath(emu, `/drafts/${draft._id}`), { token });
  });

  it("deploys a draft: 201 'created', then 'pending', then 'successful' as time passes, whatever the reads", async () => {
    const draft = await createDraft();
    const value = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "answer", private: false, value: 41 },
    });
    expect(
      (
        await call(emu, "PUT", appPath(emu, `/values/${value.body._id}`), {
          token,
          json: { name: "answer", private: false, value: 42 },
        })
      ).status,
    ).toBe(204);
    const deployed = await call(emu, "POST", appPath(emu, `/drafts/${draft._id}/deployment`), {
      token,
      json: { name: "release 1" },
    });
    expect(deployed.status).toBe(201);
    expectSpecValid("adminDeployDraft", 201, deployed.body);
    expect(deployed.body).toMatchObject({
      status: "created",
      name: "release 1",
      draft_id: draft._id,
      app_id: emu.appId,
    });
    const id = deployed.body._id;
    const statuses: string[] = [];
    const read = async () => {
      const got = await call(emu, "GET", appPath(emu, `/deployments/${id}`), { token });
      expectSpecValid("adminGetDeployment", 200, got.body);
      const [listed] = (await call(emu, "GET", appPath(emu, "/deployments"), { token })).body;
      // By id and in the list, read at the same moment: the same status.
      expect(listed).toEqual(got.body);
      statuses.push(got.body.status);
    };
    for (const step of [0, 0, 49, 1, 149, 1, 1000]) {
      advance(step);
      await read();
    }
    expect(statuses).toEqual([
      "created",
      "created",
      "created",
      "pending",
      "pending",
      "successful",
      "successful",
    ]);
    expect((await call(emu, "GET", appPath(emu, "/drafts"), { token })).body).toEqual([]);
    expect(
      (await call(emu, "GET", appPath(emu, `/values/${value.body._id}`), { token })).body.value,
    ).toBe(42);
  });

  it("deploys without a body, naming the deployment after its id", async () => {
    const draft = await createDraft();
    const deployed = await call(emu, "POST", appPath(emu, `/drafts/${draft._id}/deployment`), {
      token,
    });
    expect(deployed.status).toBe(201);
    expect(deployed.body.name).toBe(deployed.body._id);
  });

  it("ends a deployment 'failed' with status_error_message when the control says so", async () => {
    emu.control.failNextDeployment("function 'x' has a syntax error");
    const draft = await createDraft();
    const deployed = await call(emu, "POST", appPath(emu, `/drafts/${draft._id}/deployment`), {
      token,
    });
    const path = appPath(emu, `/deployments/${deployed.body._id}`);
    advance(60);
    expect((await call(emu, "GET", path, { token })).body.status).toBe("pending");
    advance(200);
    const final = await call(emu, "GET", path, { token });
    expect(final.body).toMatchObject({
      status: "failed",
      status_error_message: "function 'x' has a syntax error",
    });
    const next = await call(
      emu,
      "POST",
      appPath(emu, `/drafts/${(await createDraft())._id}/deployment`),
      { token },
    );
    advance(200);
    expect(
      (await call(emu, "GET", appPath(emu, `/deployments/${next.body._id}`), { token })).body
        .status,
    ).toBe("successful");
  });

  it("leaves the app as it was before the draft when its deployment fails", async () => {
    const values = async () =>
      (await call(emu, "GET", appPath(emu, "/values"), { token })).body.map(
        (v: { name: string }) => v.name,
      );
    const before = await values();
    const draft = await createDraft();
    const made = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "not_live", private: false, value: 1 },
    });
    expect(made.status, made.text).toBe(201);
    emu.control.failNextDeployment("syntax error");
    await call(emu, "POST", appPath(emu, `/drafts/${draft._id}/deployment`), { token });
    advance(200);
    expect(await values()).toEqual(before);
    expect((await call(emu, "GET", appPath(emu, "/drafts"), { token })).body).toEqual([]);
  });

  it("404s an unknown deployment with DeploymentNotFound", async () => {
    const answer = await call(emu, "GET", appPath(emu, "/deployments/0123456789abcdef01234567"), {
      token,
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      error: "deployment not found",
      error_code: "DeploymentNotFound",
    });
  });

  it("lists the 25 most recent deployments, newest first", async () => {
    for (let i = 0; i < 26; i++) {
      const draft = await createDraft();
      await call(emu, "POST", appPath(emu, `/drafts/${draft._id}/deployment`), {
        token,
        json: { name: `bulk ${i}` },
      });
    }
    const listed = await call(emu, "GET", appPath(emu, "/deployments"), { token });
    expect(listed.status).toBe(200);
    expectSpecValid("adminListDeployments", 200, listed.body);
    expect(listed.body).toHaveLength(25);
    expect(listed.body[0].name).toBe("bulk 25");
    expect(listed.body[24].name).toBe("bulk 1");
  });

  it("redeploys a deployment (204) as a new deployment; an unknown one is 404", async () => {
    const before = (await call(emu, "GET", appPath(emu, "/deployments"), { token })).body;
    const redeploy = await call(
      emu,
      "POST",
      appPath(emu, `/deployments/${before[3]._id}/redeploy`),
      { token },
    );
    expect(redeploy.status).toBe(204);
    const after = (await call(emu, "GET", appPath(emu, "/deployments"), { token })).body;
    expect(after[0]._id).not.toBe(before[0]._id);
    expect(after[0].name).toBe(before[3].name);
    const missing = await call(
      emu,
      "POST",
      appPath(emu, "/deployments/0123456789abcdef01234567/redeploy"),
      { token },
    );
    expect(missing.body.error_code).toBe("DeploymentNotFound");
  });
});

describe("values", () => {
  it("creates, lists, gets, updates and deletes a Value", async () => {
    const created = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "region", private: false, value: { cloud: "aws" } },
    });
    expect(created.status).toBe(201);
    expectSpecValid("adminCreateValue", 201, created.body);
    const id = created.body._id;
    const listed = await call(emu, "GET", appPath(emu, "/values"), { token });
    expect(listed.body).toContainEqual({ _id: id, name: "region", private: false });
    expectSpecValid("adminListValues", 200, listed.body);
    const got = await call(emu, "GET", appPath(emu, `/values/${id}`), { token });
    expectSpecValid("adminGetValue", 200, got.body);
    expect(got.body).toEqual({
      _id: id,
      name: "region",
      private: false,
      from_secret: false,
      value: { cloud: "aws" },
    });
    expect(
      (
        await call(emu, "PUT", appPath(emu, `/values/${id}`), {
          token,
          json: { name: "region", private: true, value: { cloud: "aws" } },
        })
      ).status,
    ).toBe(204);
    expect((await call(emu, "GET", appPath(emu, `/values/${id}`), { token })).body.private).toBe(
      true,
    );
    expect((await call(emu, "DELETE", appPath(emu, `/values/${id}`), { token })).status).toBe(204);
    const gone = await call(emu, "GET", appPath(emu, `/values/${id}`), { token });
    expect(gone.status).toBe(404);
    expect(gone.body.error_code).toBe("ValueNotFound");
  });

  it("refuses a duplicate name (409) and a bad one (400 naming body.name)", async () => {
    await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "dup", private: false, value: 1 },
    });
    const dup = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      json: { name: "dup", private: false, value: 2 },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error_code).toBe("ValueAlreadyExists");
    const bad = await call(emu, "POST", appPath(emu, "/values"), {
      token,
      // A digit first is fine for the real server (docs: "a letter or number"); '_' first is not.
      json: { name: "_lives", private: false, value: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("body.name");
  });
});
