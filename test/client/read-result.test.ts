/**
 * Namespace calls read their response without openapi-fetch (packages/client/read-result.ts): each
 * response shape is read both ways and must give the same `data` / `error`, or fail the same way.
 */
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { readResult } from "../../packages/client/read-result.js";
import { createAdminCore } from "../../packages/client/create-admin-core.js";
import { AdminApiError, AdminError } from "../../packages/core/errors.js";
import { ListApplications } from "../../generated/operations/apps.js";

type Make = () => Response;
const json =
  (status: number, text: string, length = true): Make =>
  () =>
    new Response(text, {
      status,
      headers: length
        ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }
        : { "content-type": "application/json" },
    });
const CASES: [string, string, "json" | "text" | "blob", Make][] = [
  ["204", "GET", "json", () => new Response(null, { status: 204 })],
  ["HEAD 200", "HEAD", "json", () => new Response(null, { status: 200 })],
  ["200, Content-Length 0", "GET", "json", json(200, "")],
  ["200 JSON", "GET", "json", json(200, '{"a":[1]}')],
  ["200 JSON, no length, empty", "GET", "json", json(200, "", false)],
  ["200 JSON, no length", "GET", "json", json(200, "[1,2]", false)],
  ["200 text", "GET", "text", () => new Response("plain", { status: 200 })],
  ["404 JSON", "GET", "json", json(404, '{"error":"nope","error_code":"NotFound"}')],
  ["500 not JSON", "GET", "json", () => new Response("<html>bad</html>", { status: 500 })],
  ["502 empty", "GET", "json", () => new Response("", { status: 502 })],
  ["404, Content-Length 0", "DELETE", "json", json(404, "")],
];

async function outcome(work: Promise<unknown>) {
  try {
    const value = (await work) as { data?: unknown; error?: unknown };
    const data = value.data instanceof Blob ? await value.data.text() : value.data;
    return { data, error: value.error };
  } catch (error) {
    return { threw: (error as Error).name };
  }
}

describe("readResult", () => {
  it.each(CASES)("%s reads as openapi-fetch reads it", async (_name, method, parseAs, make) => {
    const client = createClient({ baseUrl: "http://127.0.0.1:9", fetch: async () => make() });
    const theirs = await outcome(
      client.request(method.toLowerCase() as "get", "/x" as never, { parseAs } as never),
    );
    expect(await outcome(readResult(make(), method, parseAs))).toEqual(theirs);
  });

  it("a 2xx JSON body that does not parse rejects as openapi-fetch does, and a call throws AdminError", async () => {
    const bad = json(200, "{not json");
    const client = createClient({ baseUrl: "http://127.0.0.1:9", fetch: async () => bad() });
    expect(await outcome(client.GET("/x" as never))).toEqual({ threw: "SyntaxError" });
    expect(await outcome(readResult(bad(), "GET", "json"))).toEqual({ threw: "SyntaxError" });

    const admin = createAdminCore({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      fetch: async () => bad(),
      session: { accessToken: undefined, refreshToken: undefined },
      retries: false,
    });
    const options = { headers: { Authorization: "Bearer t" } };
    const error = await admin.call(ListApplications, { groupId: "g" }, options).catch((e) => e);
    expect(error).toBeInstanceOf(AdminError);
    expect((error as Error).message).toBe(
      "GET /groups/g/apps returned a body that is not valid JSON",
    );
  });

  it("an error body that is not JSON reaches the AdminApiError as text", async () => {
    const admin = createAdminCore({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      fetch: async () => new Response("<html>upstream</html>", { status: 500 }),
      retries: false,
    });
    const options = { headers: { Authorization: "Bearer t" } };
    const error = await admin.call(ListApplications, { groupId: "g" }, options).catch((e) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ status: 500, body: "<html>upstream</html>" });
  });
});
