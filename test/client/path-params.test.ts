import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DeleteValue } from "../../generated/operations/values.js";
import { createAdminClient, type AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminPathParameterError } from "../../packages/core/errors.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";

let server: AdminServer;
let admin: AdminClient;
beforeEach(async () => {
  server = await startAdminServer();
  admin = createAdminClient({ baseUrl: server.url, session: server.mintSession() });
});
afterEach(async () => {
  await server.close();
});

const groupId = "g1";
const appId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const VALUE = "/groups/{groupId}/apps/{appId}/values/{valueId}";

async function refusal(work: Promise<unknown>): Promise<AdminPathParameterError> {
  const error = await work.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdminPathParameterError);
  // Refused before sending: the server never heard of it.
  expect(server.seen).toEqual([]);
  return error as AdminPathParameterError;
}

describe("path parameters that would reshape the path are refused before sending", () => {
  test.each([
    ["..", `/groups/${groupId}/apps/${appId}/`, '".."'],
    [".", `/groups/${groupId}/apps/${appId}/values/`, '"."'],
    ["", `/groups/${groupId}/apps/${appId}/values/`, '""'],
  ])("values.deleteValue({ valueId: %j })", async (valueId, wire, shown) => {
    const error = await refusal(admin.values.deleteValue({ groupId, appId, valueId }));
    expect(error).toMatchObject({
      parameter: "valueId",
      method: "DELETE",
      operationId: "adminDeleteValue",
      template: VALUE,
      path: wire,
    });
    expect(error.message).toBe(
      `DELETE ${VALUE}: path parameter valueId is ${shown}, which would change the request's ` +
        `path (it would go to ${wire}); nothing was sent`,
    );
  });

  test('apps.deleteApplication({ groupId: ".." }) would have deleted /apps/A', async () => {
    const error = await refusal(admin.apps.deleteApplication({ groupId: "..", appId }));
    expect(error).toMatchObject({ parameter: "groupId", path: `/apps/${appId}` });
  });

  test("a missing groupId is refused instead of being sent as %7BgroupId%7D", async () => {
    const error = await refusal(admin.apps.listApplications({} as never));
    expect(error).toMatchObject({
      parameter: "groupId",
      problem: "is missing",
      method: "GET",
      operationId: "adminListApplications",
      path: "/groups/%7BgroupId%7D/apps",
    });
    expect(error.message).toBe(
      "GET /groups/{groupId}/apps: path parameter groupId is missing; nothing was sent",
    );
  });

  test("a missing appId is refused too (not taken for a client_app_id)", async () => {
    const error = await refusal(admin.values.listValues({ groupId } as never));
    expect(error).toMatchObject({ parameter: "appId", problem: "is missing" });
  });

  test("admin.call refuses the same way", async () => {
    const error = await refusal(admin.call(DeleteValue, { groupId, appId, valueId: ".." }));
    expect(error).toMatchObject({
      parameter: "valueId",
      method: "DELETE",
      operationId: "adminDeleteValue",
    });
  });

  test("admin.raw refuses through the client's path serializer (no method known there)", async () => {
    const path = { groupId, appId, valueId: ".." };
    const error = await refusal(admin.raw.DELETE(VALUE, { params: { path } }));
    expect(error).toMatchObject({
      parameter: "valueId",
      method: undefined,
      template: VALUE,
      path: `/groups/${groupId}/apps/${appId}/`,
    });
    expect(error.message).toMatch(
      new RegExp(`^${escape(VALUE)}: path parameter valueId is "\\.\\."`),
    );
  });

  test("a lone surrogate cannot be put in a URL: refused, naming the parameter", async () => {
    const error = await refusal(admin.values.getValue({ groupId, appId, valueId: "a\ud800b" }));
    expect(error).toMatchObject({
      parameter: "valueId",
      problem: "is not well-formed Unicode (it holds a lone surrogate)",
    });
  });

  test("a value that is not text is refused", async () => {
    const error = await refusal(
      admin.values.getValue({ groupId, appId, valueId: Symbol("x") as never }),
    );
    expect(error).toMatchObject({ parameter: "valueId", problem: "is a symbol, not a string" });
  });
});

describe("odd but harmless values travel as exactly one segment", () => {
  test.each(["...", ".a", "a.", "%2e%2e", "a/b", "?x=1", "#f", " ", "ü"])("%j", async (valueId) => {
    server.replyNext(1, (r) => r.method === "GET", { status: 200, body: { ok: true } });
    await admin.values.getValue({ groupId, appId, valueId });
    expect(server.seen.map((r) => r.path)).toEqual([
      `/groups/${groupId}/apps/${appId}/values/${encodeURIComponent(valueId)}`,
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("value types", () => {
  test.each([
    [{}, "is an object, not a string"],
    [["a", "b"], "is an object, not a string"],
    [() => "x", "is a function, not a string"],
  ])("%j is refused", async (valueId, problem) => {
    const error = await refusal(
      admin.values.getValue({ groupId, appId, valueId: valueId as never }),
    );
    expect(error).toMatchObject({ parameter: "valueId", problem });
  });

  test("numbers and booleans are sent as their text", async () => {
    server.script(() => ({ status: 200, body: {} }));
    await admin.values.getValue({ groupId, appId, valueId: 42 as never });
    await admin.values.getValue({ groupId, appId, valueId: false as never });
    expect(server.seen.map((r) => r.path.split("/").at(-1))).toEqual(["42", "false"]);
  });
});
