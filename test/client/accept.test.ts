/**
 * Per-call response media types (issue 13 item 4): an operation whose 2xx response offers several
 * media types (`apps.pullAppConfiguration`: JSON or zip) takes an `accept` call option; the runtime
 * sends it as `Accept`, parses the body by it, and the result type follows it. Over loopback HTTP.
 */
import { afterEach, beforeEach, describe, expect, expectTypeOf, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { createAdminCore } from "../../packages/client/create-admin-core.js";
import {
  PullAppConfiguration,
  type PullAppConfigurationResult,
} from "../../generated/operations/apps.js";
import type { AdminNamespaces } from "../../generated/client.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";

const groupId = "g1";
const appId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const ZIP = "PK\u0003\u0004config-files";
const CONFIG = { app: { name: "myapp" }, functions: [] };

let server: AdminServer;

beforeEach(async () => {
  server = await startAdminServer();
  // Answers by the Accept header, as the real endpoint does.
  server.script((request) => {
    if (!request.path.endsWith("/pull")) return undefined;
    return request.headers["accept"] === "application/zip"
      ? { status: 200, headers: { "content-type": "application/zip" }, raw: ZIP }
      : { status: 200, body: CONFIG };
  });
});
afterEach(async () => server.close());

const pulls = () => server.calls().filter((r) => r.path.endsWith("/pull"));

describe("accept: the response media type per call", () => {
  test("JSON by default, asked for explicitly", async () => {
    const admin = createAdminClient({ baseUrl: server.url, credentials: server.credentials });
    await expect(admin.apps.pullAppConfiguration({ groupId, appId })).resolves.toEqual(CONFIG);
    expect(pulls().map((r) => r.headers["accept"])).toEqual(["application/json"]);
  });

  test("application/zip: a Blob of the bytes, no JSON parsing", async () => {
    const admin = createAdminClient({ baseUrl: server.url, credentials: server.credentials });
    const zip = await admin.apps.pullAppConfiguration(
      { groupId, appId },
      { accept: "application/zip", headers: { "X-Trace": "t1" } },
    );
    expect(zip).toBeInstanceOf(Blob);
    expect(new TextDecoder().decode(await zip.arrayBuffer())).toBe(ZIP);
    const [seen] = pulls();
    expect(seen?.headers["accept"]).toBe("application/zip");
    // The caller's other headers still go out.
    expect(seen?.headers["x-trace"]).toBe("t1");
  });

  test("the same through createAdminCore's call and the operation's descriptor", async () => {
    const core = createAdminCore({ baseUrl: server.url, credentials: server.credentials });
    const zip = await core.call(
      PullAppConfiguration,
      { groupId, appId },
      { accept: "application/zip" },
    );
    expect(new TextDecoder().decode(await zip.arrayBuffer())).toBe(ZIP);
    await expect(core.call(PullAppConfiguration, { groupId, appId })).resolves.toEqual(CONFIG);
  });

  test("a media type the operation does not offer is refused before anything is sent", async () => {
    const admin = createAdminClient({ baseUrl: server.url, credentials: server.credentials });
    await expect(
      admin.apps.pullAppConfiguration({ groupId, appId }, { accept: "text/html" as never }),
    ).rejects.toThrow(
      new TypeError(
        'adminPullAppConfiguration: option accept must be one of application/json, application/zip, got "text/html"',
      ),
    );
    await expect(
      admin.apps.listApplications({ groupId }, { accept: "application/json" } as never),
    ).rejects.toThrow(/^adminListApplications: option accept must be left out/);
    expect(server.calls()).toEqual([]);
  });

  test("types: the result follows the media type asked for", () => {
    type Pull = AdminNamespaces["apps"]["pullAppConfiguration"];
    const params = { groupId, appId };
    const typed = (pull: Pull) => ({
      json: pull(params),
      asked: pull(params, { accept: "application/json" }),
      zip: pull(params, { accept: "application/zip" }),
      // @ts-expect-error not a media type the operation offers
      html: pull(params, { accept: "text/html" }),
    });
    expectTypeOf<
      ReturnType<typeof typed>["json"]
    >().resolves.toEqualTypeOf<PullAppConfigurationResult>();
    expectTypeOf<
      ReturnType<typeof typed>["asked"]
    >().resolves.toEqualTypeOf<PullAppConfigurationResult>();
    expectTypeOf<ReturnType<typeof typed>["zip"]>().resolves.toEqualTypeOf<Blob>();
    const misuse = (admin: AdminNamespaces) =>
      // @ts-expect-error an operation with one response media type takes no accept option
      admin.apps.listApplications({ groupId }, { accept: "application/json" });
    expectTypeOf(misuse).toBeFunction();
    const core = createAdminCore({ baseUrl: server.url });
    const viaCall = () => ({
      zip: core.call(PullAppConfiguration, params, { accept: "application/zip" }),
      json: core.call(PullAppConfiguration, params),
    });
    expectTypeOf<ReturnType<typeof viaCall>["zip"]>().resolves.toEqualTypeOf<Blob>();
    expectTypeOf<
      ReturnType<typeof viaCall>["json"]
    >().resolves.toEqualTypeOf<PullAppConfigurationResult>();
  });
});
