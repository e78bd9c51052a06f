// Property: a secret of the session (API key pair, access and refresh token) placed anywhere in an
// error body, a header echo, a thrown error's cause chain or a log line never shows in any
// rendering of the resulting error (message, stack, String, JSON, util.inspect, the CLI's report)
// or in any log line; not whole, and not as any 8-character piece of it (a cut that keeps the
// head of a key leaks it too). fast-check with a fixed seed and a bounded number of runs (SEED,
// RUNS); the client talks to an injected fetch, so each case is one login and one call.
import { inspect } from "node:util";
import fc from "fast-check";
import { expect, test } from "vitest";
import { report } from "../../packages/cli/report.js";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { AdminError } from "../../packages/core/errors.js";
import type { AdminLogger } from "../../packages/core/logger.js";
import { Redactor } from "../../packages/core/redact.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { json } from "./helpers/scripted-fetch.js";

const SEED = 0x5eed_0315;
const RUNS = 200; // per property: two properties, 400 cases
const FRAGMENT = 8;

interface Secrets {
  publicKey: string;
  privateKey: string;
  accessToken: string;
  refreshToken: string;
}

const base64url = (min: number, max: number) =>
  fc.noBias(fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`)));
const token = fc.oneof(
  fc.noBias(fc.stringMatching(/^[A-Za-z0-9]{24,40}$/)),
  fc
    .tuple(base64url(10, 30), base64url(20, 43))
    .map(([payload, signature]) => `eyJhbGciOiJIUzI1NiJ9.eyJ${payload}.${signature}`),
);
const secrets: fc.Arbitrary<Secrets> = fc
  .record({
    publicKey: fc.noBias(fc.stringMatching(/^[a-z]{8}$/)),
    privateKey: fc.noBias(fc.uuid()),
    accessToken: token,
    refreshToken: token,
  })
  .filter((s) => new Set(Object.values(s)).size === 4);

const which = fc.constantFrom<keyof Secrets>(
  "publicKey",
  "privateKey",
  "accessToken",
  "refreshToken",
);
const status = fc.constantFrom(400, 403, 404, 409, 422, 500, 502);
// Padding from a character no secret uses, long enough to put a secret across the 500-character cut.
const pad = fc.nat({ max: 620 }).map((n) => "~".repeat(n));

/** Where the secret goes: a response body or header echo, or the refresh behind a log line. */
const bodyOrLog = fc.oneof(
  fc.record({ kind: fc.constant("json-error"), status, pad, which }),
  fc.record({
    kind: fc.constant("json-nested"),
    status,
    which,
    path: fc.array(fc.constantFrom("a", "details", "0", "request", "headers"), { maxLength: 30 }),
    asKey: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("text"), status, pad, which }),
  fc.record({ kind: fc.constant("header-echo"), status, which }),
  fc.record({ kind: fc.constant("log"), which }),
);
/** ...or an error the fetch throws: a cause chain with the secret at one level, in one spot. */
const cause = fc
  .record({
    kind: fc.constant("cause"),
    which,
    depth: fc.integer({ min: 1, max: 30 }),
    at: fc.nat({ max: 29 }),
    spot: fc.constantFrom(
      "message",
      "prop",
      "nested",
      "aggregate",
      "symbol",
      "hidden",
      "inspect",
      "stack",
      "map",
      "getter",
      "array",
      "key",
      "code",
    ),
  })
  .map((c) => ({ ...c, at: c.at % c.depth }));
const placement = fc.oneof(bodyOrLog, cause);
type Placement = typeof placement extends fc.Arbitrary<infer P> ? P : never;

/** The failure the injected fetch produces for the call, carrying `secret` as `where` says. */
function failure(where: Placement, secret: string): Response | Error {
  switch (where.kind) {
    case "json-error":
      return json(where.status, { error: `${where.pad}${secret} rejected`, error_code: "X" });
    case "json-nested": {
      let body: unknown = where.asKey ? { [secret]: 1 } : { value: secret };
      for (const key of [...where.path].reverse()) body = { [key]: body };
      return json(where.status, { error: "nested", details: body });
    }
    case "text":
      return new Response(`${where.pad}${secret}${where.pad}`, { status: where.status });
    case "header-echo":
      return new Response(
        `GET /groups/g1/apps HTTP/1.1\r\nauthorization: Bearer ${secret}\r\nx-echo: ${secret}\r\n`,
        { status: where.status, headers: { "content-type": "text/plain" } },
      );
    case "cause":
      return causeChain(where.depth, where.at, where.spot, secret);
    case "log":
      throw new Error("log placements fail the refresh, not the call");
  }
}

function causeChain(depth: number, at: number, spot: string, secret: string): Error {
  let inner: Error | undefined;
  for (let level = depth - 1; level >= 0; level--) {
    const options = inner ? { cause: inner } : undefined;
    let error: Error =
      level === at && spot === "aggregate"
        ? new AggregateError([new Error("ok"), new Error(`key ${secret}`)], "attempts", options)
        : new Error(
            level === at && spot === "message" ? `failed ${secret}` : `level ${level}`,
            options,
          );
    if (level === at) error = carry(error, spot, secret);
    inner = error;
  }
  return new TypeError("fetch failed", { cause: inner });
}

function carry(error: Error, spot: string, secret: string): Error {
  const target = error as unknown as Record<string | symbol, unknown>;
  switch (spot) {
    case "prop":
      target["detail"] = `while sending ${secret}`;
      break;
    case "nested":
      target["options"] = { headers: { "x-custom": secret, authorization: `Bearer ${secret}` } };
      break;
    case "symbol":
      target[Symbol("baggage")] = secret;
      break;
    case "hidden":
      Object.defineProperty(error, "hidden", { value: secret, enumerable: false });
      break;
    case "inspect":
      target[Symbol.for("nodejs.util.inspect.custom")] = () => `Socket { sent: ${secret} }`;
      break;
    case "stack":
      error.stack = `Error: level\n    at send (${secret})`;
      break;
    case "map":
      target["request"] = new Map([["authorization", secret]]);
      break;
    case "getter":
      Object.defineProperty(error, "lazy", { get: () => secret, enumerable: true });
      break;
    case "array":
      target["list"] = [1, [2, [secret]]];
      break;
    case "key":
      target["headers"] = { [secret]: "x" };
      break;
    case "code":
      target["code"] = secret;
      break;
  }
  return error;
}

/** Runs one case: login, then one failing call (or a failing early refresh before a call). */
async function run(s: Secrets, where: Placement): Promise<{ renderings: string[] }> {
  const secret = s[where.which];
  const lines: string[] = [];
  const sink = (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  const logger: AdminLogger = { debug: sink, warn: sink };
  const time = fakeClock();
  const login = json(200, { access_token: s.accessToken, refresh_token: s.refreshToken });
  const steps: Array<Response | Error> = [login, json(200, [])];
  if (where.kind === "log") {
    // An early refresh that fails with the secret in its body: logged as a warning, ridden out.
    steps.push(json(503, { error: `refresh failed for ${secret}` }), json(200, []));
  } else {
    steps.push(failure(where, secret));
  }
  const fetch = async (request: Request): Promise<Response> => {
    await request.arrayBuffer();
    const step = steps.shift();
    if (step === undefined) throw new Error(`no step left for ${request.method} ${request.url}`);
    if (step instanceof Error) throw step;
    return step;
  };
  const admin = createAdminClient({
    credentials: { publicKey: s.publicKey, privateKey: s.privateKey },
    fetch,
    retries: false,
    logger,
    clock: time.clock,
  });
  await admin.apps.listApplications({ groupId: "g1" });
  // Inside the refresh margin, the token not expired yet: the next call refreshes early.
  if (where.kind === "log") time.advance(29.5 * 60_000);
  const renderings: string[] = [];
  const outcome = await admin.apps.listApplications({ groupId: "g1" }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (where.kind === "log") {
    expect(outcome).toBeUndefined();
    expect(lines.some((line) => line.startsWith("renewing the session failed"))).toBe(true);
  } else {
    expect(outcome).toBeInstanceOf(AdminError);
    const error = outcome as Error;
    // The failure under test is the call's own, not an error about the script.
    expect(error.message).not.toContain("no step left");
    // The CLI's redactor knows the key pair only (tokens it never sees).
    const cli = new Redactor();
    cli.add(s.publicKey);
    cli.add(s.privateKey);
    renderings.push(
      error.message,
      String(error.stack),
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: Infinity, showHidden: true }),
      inspect(error),
      report(error, cli, true).text,
      report(error, cli, false).text,
    );
  }
  renderings.push(...lines);
  expect(steps).toEqual([]);
  return { renderings };
}

function leaked(text: string, secret: string): string | undefined {
  for (let i = 0; i + FRAGMENT <= secret.length; i++) {
    const piece = secret.slice(i, i + FRAGMENT);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}

/** Asserts that no rendering of the case shows a secret or a piece of one. */
async function holds(s: Secrets, where: Placement): Promise<void> {
  const { renderings } = await run(s, where);
  for (const text of renderings) {
    for (const secret of Object.values(s)) {
      expect(leaked(text, secret), `${where.kind} leaks into: ${text.slice(0, 300)}`).toBe(
        undefined,
      );
    }
  }
}

test("bodies, header echoes and log lines: no secret nor any 8-character piece of one shows", async () => {
  await fc.assert(fc.asyncProperty(secrets, bodyOrLog, holds), { seed: SEED, numRuns: RUNS });
});

test("cause chains: no secret nor any 8-character piece of one shows", async () => {
  await fc.assert(fc.asyncProperty(secrets, cause, holds), { seed: SEED + 1, numRuns: RUNS });
});
