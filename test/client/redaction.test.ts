import { readdirSync, readFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { AdminConnectionError, AdminError, AdminTimeoutError } from "../../packages/core/errors.js";
import type { AdminLogger } from "../../packages/core/logger.js";
import { REDACTED, Redactor } from "../../packages/core/redact.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { json, scriptedFetch } from "./helpers/scripted-fetch.js";

let server: AdminServer;
const lines: string[] = [];
const logger: AdminLogger = {
  debug: (message, fields) => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`),
  warn: (message, fields) => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`),
};
const caught: Array<{ path: string; error: unknown }> = [];
const secrets = new Set<string>();

beforeEach(async () => {
  server = await startAdminServer();
  secrets.add(server.credentials.publicKey);
  secrets.add(server.credentials.privateKey);
});
afterEach(async () => {
  // Every token the server ever saw is a secret, whoever sent it.
  for (const request of server.seen) {
    const bearer = /^Bearer (.+)$/.exec(String(request.headers["authorization"] ?? ""))?.[1];
    if (bearer) secrets.add(bearer);
  }
  await server.close();
});

async function expectFailure(path: string, work: Promise<unknown>): Promise<unknown> {
  const error = await work.then(
    () => {
      throw new Error(`${path}: expected a failure`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdminError);
  caught.push({ path, error });
  return error;
}

/** Everything reachable from an error the way users and loggers see it. */
function views(error: unknown): string[] {
  const e = error as Error;
  return [
    e.message,
    JSON.stringify(e),
    String(e.stack),
    inspect(e, { depth: 10, showHidden: true }),
    String(e),
  ];
}

describe("no secret reaches an error or a log line", () => {
  test("bad keys, with the server echoing them back", async () => {
    server.replyNext(1, (r) => r.path.endsWith("/login"), {
      status: 401,
      body: {
        error: `failed to authenticate with MongoDB Cloud API: key ${server.credentials.publicKey}:${server.credentials.privateKey}`,
      },
    });
    const admin = createAdminClient({
      baseUrl: server.url,
      credentials: server.credentials,
      logger,
    });
    const error = await expectFailure("login", admin.apps.listApplications({ groupId: "g1" }));
    expect((error as Error).message).toBe(
      `failed to authenticate with MongoDB Cloud API: key ${REDACTED}:${REDACTED}`,
    );
  });

  test("a refused refresh whose message carries the refresh token", async () => {
    const pair = server.mintSession();
    secrets.add(pair.accessToken).add(pair.refreshToken);
    server.expireAccessTokens();
    server.replyNext(1, (r) => r.path === "/auth/session", {
      status: 401,
      body: {
        error: `invalid session: failed to find refresh token ${pair.refreshToken}`,
        error_code: "InvalidSession",
      },
    });
    const admin = createAdminClient({ baseUrl: server.url, session: pair, logger });
    await expectFailure("refresh", admin.apps.listApplications({ groupId: "g1" }));
  });

  test("`valid Issuer required` after sending a refresh token as the access token", async () => {
    const pair = server.mintSession();
    const admin = createAdminClient({
      baseUrl: server.url,
      session: { accessToken: pair.refreshToken, refreshToken: pair.refreshToken },
      logger,
    });
    await expectFailure("issuer", admin.apps.listApplications({ groupId: "g1" }));
  });

  test("a 5xx whose raw body dumps the request headers, after retries that were logged", async () => {
    const time = fakeClock();
    const admin = createAdminClient({
      baseUrl: server.url,
      credentials: server.credentials,
      logger,
      clock: time.clock,
    });
    await admin.apps.listApplications({ groupId: "g1" });
    const token = admin.session.get().accessToken!;
    server.replyNext(3, (r) => r.path === "/groups/g1/apps", {
      status: 503,
      raw: `upstream said: authorization: Bearer ${token}`,
    });
    const error = await expectFailure("5xx", admin.apps.listApplications({ groupId: "g1" }));
    expect((error as Error).message).toBe(`upstream said: authorization: ${REDACTED}`);
    expect(lines.some((line) => line.startsWith("retrying GET /groups/g1/apps"))).toBe(true);
  });

  test("a custom fetch that throws an error holding the request and its headers", async () => {
    const pair = server.mintSession();
    const fetchWithBaggage = async (request: Request): Promise<Response> => {
      throw Object.assign(new TypeError("network down"), {
        request,
        options: { headers: Object.fromEntries(request.headers) },
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", request }),
      });
    };
    const admin = createAdminClient({
      baseUrl: server.url,
      session: pair,
      fetch: fetchWithBaggage,
      retries: false,
      logger,
    });
    const error = await expectFailure(
      "custom fetch",
      admin.apps.listApplications({ groupId: "g1" }),
    );
    expect(error).toBeInstanceOf(AdminConnectionError);
    expect(error).toMatchObject({ code: "ECONNRESET" });
    const cause = (error as Error).cause as Error & { code?: string };
    expect(cause.message).toBe("network down");
    expect((cause.cause as { code?: string }).code).toBe("ECONNRESET");
  });

  test("a connection reset during refresh and a timeout", async () => {
    const admin = createAdminClient({
      baseUrl: server.url,
      credentials: server.credentials,
      logger,
    });
    await admin.apps.listApplications({ groupId: "g1" });
    server.expireAccessTokens();
    // Three resets: the first try and the two retries the refresh is allowed.
    server.replyNext(3, (r) => r.path === "/auth/session", "reset");
    await expectFailure("refresh reset", admin.apps.listApplications({ groupId: "g1" }));
    await admin.apps.listApplications({ groupId: "g1" });
    server.replyNext(1, (r) => r.path === "/groups/g1/apps", "hang");
    const timeout = admin.apps.listApplications({ groupId: "g1" }, { timeoutMs: 40 });
    expect(await expectFailure("timeout", timeout)).toBeInstanceOf(AdminTimeoutError);
    await expectFailure(
      "abort",
      admin.apps.listApplications({ groupId: "g1" }, { signal: AbortSignal.abort() }),
    );
  });

  afterAll(() => {
    expect(caught.map((c) => c.path)).toEqual([
      "login",
      "refresh",
      "issuer",
      "5xx",
      "custom fetch",
      "refresh reset",
      "timeout",
      "abort",
    ]);
    expect(secrets.size).toBeGreaterThan(6);
    expect(lines.length).toBeGreaterThan(0);
    for (const { path, error } of caught) {
      for (const view of views(error)) {
        for (const secret of secrets)
          expect(view.includes(secret), `${path} leaks a secret`).toBe(false);
        expect(view, path).not.toMatch(/Bearer (?!\[REDACTED\])/);
      }
    }
    for (const line of lines)
      for (const secret of secrets) expect(line.includes(secret)).toBe(false);
  });
});

describe("Redactor", () => {
  test.each([
    ["Authorization: Bearer abc.def.ghi", `Authorization: ${REDACTED}`],
    ["sent Bearer abc.def.ghi", `sent Bearer ${REDACTED}`],
    ['{"access_token":"xyz","other":1}', `{"access_token":"${REDACTED}","other":1}`],
    ["refresh_token=abcdef123&x=1", `refresh_token=${REDACTED}&x=1`],
    // Named as SECRET_KEYS names them, in either spelling, though never registered.
    ["private_key=k-123456 api_key: 'k-654321'", `private_key=${REDACTED} api_key: ${REDACTED}`],
    [
      '{"privateKey":"k-1","apiKey":"k-2","Api_Key":"k-3"}',
      `{"privateKey":"${REDACTED}","apiKey":"${REDACTED}","Api_Key":"${REDACTED}"}`,
    ],
    [
      "accessToken=abcdef123 refreshtoken=abcdef456",
      `accessToken=${REDACTED} refreshtoken=${REDACTED}`,
    ],
    ["token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln here", `token ${REDACTED} here`],
    ["nothing to see", "nothing to see"],
  ])("%s", (given, want) => expect(new Redactor().text(given)).toBe(want));

  test("overlapping or touching known secrets become one marker, leaving no piece of either", () => {
    const redactor = new Redactor();
    redactor.add("secret-one-1234");
    redactor.add("1234-secret-two", { pinned: true });
    redactor.add("zzzzzzzz");
    expect(redactor.text("a secret-one-1234-secret-two b")).toBe(`a ${REDACTED} b`);
    expect(redactor.text("a secret-one-1234zzzzzzzz b secret-one-1234 c")).toBe(
      `a ${REDACTED} b ${REDACTED} c`,
    );
  });

  test("known secrets are removed wherever they appear; short values are not treated as secrets", () => {
    const redactor = new Redactor();
    redactor.add("s3cr3t-private-key");
    redactor.add("ab");
    expect(redactor.text("k=s3cr3t-private-keyX ab")).toBe(`k=${REDACTED}X ab`);
    expect(inspect(redactor, { showHidden: true })).not.toContain("s3cr3t");
  });

  test("a clean cause is kept as is; a leaking one is replaced by a redacted copy", () => {
    const redactor = new Redactor();
    const clean = new Error("read ECONNRESET");
    expect(redactor.cause(clean)).toBe(clean);
    const leaking = Object.assign(new Error("boom"), {
      headers: { authorization: "Bearer tok-123456" },
      code: "EPIPE",
    });
    const copy = redactor.cause(leaking) as Error & { code?: string };
    expect(copy).not.toBe(leaking);
    expect(copy).toMatchObject({ message: "boom", code: "EPIPE" });
    expect(inspect(copy, { depth: 5 })).not.toContain("tok-123456");
  });
});

describe("redaction holds where it used to leak", () => {
  const privateKey = "0f5c3a1e-7d2b-4c8e-9f10-a1b2c3d4e5f6";
  const credentials = { publicKey: "pubkeyabcd", privateKey };
  const everywhere = (error: unknown) => views(error).join("\n");

  test("a key straddling the 500-character cut of a raw error body is removed whole", async () => {
    const body = `${"x".repeat(490)}${privateKey} and more`;
    const { fetch } = scriptedFetch([
      json(200, { access_token: "access-token-1", refresh_token: "refresh-token-1" }),
      new Response(body, { status: 500 }),
    ]);
    const admin = createAdminClient({ credentials, fetch, retries: false });
    const error = await admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${"x".repeat(490)}${REDACTED}`);
    // Not even the head of the key survives, in any rendering.
    expect(everywhere(error)).not.toContain(privateKey.slice(0, 8));
  });

  test("the current refresh token is still known after many refreshes (opaque, matching no pattern)", async () => {
    const time = fakeClock();
    const refresh = "opaque-refresh-token-0123456789";
    const steps = [json(200, { access_token: "opaque-access-0", refresh_token: refresh })];
    for (let i = 1; i <= 20; i++) steps.push(json(201, { access_token: `opaque-access-${i}` }));
    const { fetch } = scriptedFetch(
      steps
        .flatMap((step, i) => [step, json(200, [{ n: i }])])
        .concat([json(400, { error: `bad request, your session ${refresh} says no` })]),
    );
    const admin = createAdminClient({ credentials, fetch, clock: time.clock, retries: false });
    for (let i = 0; i <= 20; i++) {
      await admin.apps.listApplications({ groupId: "g1" });
      time.advance(31 * 60_000); // past the access token's 30 minutes: the next call refreshes
    }
    time.advance(-31 * 60_000);
    const error = await admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`bad request, your session ${REDACTED} says no`);
  });

  test("a cause chain deeper than any fixed inspection depth", async () => {
    let cause: Error = Object.assign(new Error("innermost"), {
      options: { headers: { "x-echo": `key=${privateKey}` } },
    });
    for (let depth = 0; depth < 12; depth++) cause = new Error(`level ${depth}`, { cause });
    const error = await failingFetchError(new TypeError("fetch failed", { cause }));
    expect(everywhere(error)).not.toContain(privateKey);
    // The chain is kept (redacted), not dropped: the innermost cause is still there.
    let current = (error as Error).cause as Error;
    for (let depth = 0; depth < 13; depth++) current = current.cause as Error;
    expect(current.message).toBe("innermost");
  });

  test("an AggregateError keeps its errors, redacted", async () => {
    const failure = new AggregateError(
      [new Error(`first attempt: key ${privateKey}`), new Error("second attempt: refused")],
      "all attempts failed",
    );
    const error = await failingFetchError(failure);
    expect(everywhere(error)).not.toContain(privateKey);
    const cause = (error as Error).cause as AggregateError;
    expect(cause).toBeInstanceOf(AggregateError);
    expect(cause.errors.map((e: Error) => e.message)).toEqual([
      `first attempt: key ${REDACTED}`,
      "second attempt: refused",
    ]);
  });

  test("a cause with its own util.inspect rendering of hidden state is not shown as it is", async () => {
    const hidden = `Bearer-less ${privateKey}`;
    const failure = Object.assign(new Error("socket hang up"), {
      code: "ECONNRESET",
      [Symbol.for("nodejs.util.inspect.custom")]: () => `Socket { sent: ${hidden} }`,
    });
    const error = await failingFetchError(failure);
    expect(everywhere(error)).not.toContain(privateKey);
    expect((error as Error).cause).toMatchObject({ message: "socket hang up", code: "ECONNRESET" });
  });

  async function failingFetchError(thrown: Error): Promise<unknown> {
    const { fetch } = scriptedFetch([
      json(200, { access_token: "a-token-1", refresh_token: "r-token-1" }),
      thrown,
    ]);
    const admin = createAdminClient({ credentials, fetch, retries: false });
    const error = await admin.apps.listApplications({ groupId: "g1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminConnectionError);
    return error;
  }
});

test("the request path imports no node: module (the SDK runs in browsers)", () => {
  const dirs = ["packages/client", "packages/auth"];
  const offenders = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith(".ts"))
      .filter((file) => /from\s+["']node:/.test(readFileSync(`${dir}/${file}`, "utf8")))
      .map((file) => `${dir}/${file}`),
  );
  expect(offenders).toEqual([]);
});
