// Property: the value of a Secret the SDK sends (`secrets.createSecret`, `secrets.modifySecret`)
// never shows in any rendering of the call's error (message, stack, String, JSON, util.inspect,
// the CLI's report) when the failure echoes the request: a JSON error quoting the body, a proxy's
// text page, a custom fetch's error carrying the body in its cause. No pattern can tell such a
// value (`correct horse battery`) from data: the call registers it by its operation. A Value's
// `value` is data: the same echo of `values.createValue` keeps it. fast-check with a fixed seed.
import { inspect } from "node:util";
import fc from "fast-check";
import { expect, test } from "vitest";
import { report } from "../../packages/cli/report.js";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { AdminApiError, AdminError } from "../../packages/core/errors.js";
import { Redactor } from "../../packages/core/redact.js";
import { json, scriptedFetch, type FetchCall } from "./helpers/scripted-fetch.js";

const SEED = 0x5eed_5ec7;
const RUNS = 150;
const FRAGMENT = 8;
const IDS = { groupId: "g1", appId: "5f0123456789abcdef012345" };

/** What a secret's value looks like: anything, prose included (no pattern knows it). */
const secretValue = fc.oneof(
  fc.noBias(fc.stringMatching(/^[A-Za-z0-9]{12,40}$/)),
  fc.noBias(fc.stringMatching(/^[a-z]{4,8}( [a-z]{4,8}){2,3}$/)),
  fc.noBias(fc.stringMatching(/^[!-~]{10,30}$/)),
);
const call = fc.constantFrom("create", "modify");
/** How the failure echoes the request's body. */
const echo = fc.constantFrom("json-error", "text-page", "fetch-cause");

function failure(how: string, sent: FetchCall): Response | Error {
  switch (how) {
    case "json-error":
      return json(400, { error: `invalid request ${sent.body}`, error_code: "BadRequest" });
    case "text-page":
      return new Response(`<pre>${sent.method} ${sent.url}\n${sent.body}</pre>`, {
        status: 502,
        headers: { "content-type": "text/html" },
      });
    default:
      // A custom fetch (an interceptor library) attaching the request it failed to send.
      return new TypeError("fetch failed", {
        cause: { request: { method: sent.method, body: sent.body }, code: "ECONNRESET" },
      });
  }
}

function client(how: string) {
  const { fetch } = scriptedFetch([
    json(200, { access_token: "access-0123456789abcdef", refresh_token: "refresh-0123456789ab" }),
    (sent) => failure(how, sent),
  ]);
  return createAdminClient({
    credentials: { publicKey: "pubkeyab", privateKey: "5f1a0000-0000-4000-8000-000000000000" },
    fetch,
    retries: false,
  });
}

async function failed(work: Promise<unknown>): Promise<Error> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdminError);
  return error as Error;
}

function renderings(error: Error): string[] {
  return [
    error.message,
    String(error.stack),
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    report(error, new Redactor(), true).text,
  ];
}

function leaked(text: string, value: string): string | undefined {
  for (let i = 0; i + FRAGMENT <= value.length; i++) {
    if (text.includes(value.slice(i, i + FRAGMENT))) return value.slice(i, i + FRAGMENT);
  }
  return text.includes(value) ? value : undefined;
}

test("a secret's value echoed by the failure shows in no rendering of the error", async () => {
  await fc.assert(
    fc.asyncProperty(secretValue, call, echo, async (value, which, how) => {
      const admin = client(how);
      const body = { name: "apiSecret", value };
      const error = await failed(
        which === "create"
          ? admin.secrets.createSecret({ ...IDS, body })
          : admin.secrets.modifySecret({ ...IDS, secretId: "s1", body }),
      );
      for (const text of renderings(error)) {
        expect(leaked(text, value), `${which}/${how}: ${text.slice(0, 300)}`).toBeUndefined();
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test("a Value's value echoed the same way is data, and stays", async () => {
  const admin = client("json-error");
  const value = "ordinary data 0123456789";
  const error = await failed(
    admin.values.createValue({ ...IDS, body: { name: "v", value, private: false } }),
  );
  expect(error).toBeInstanceOf(AdminApiError);
  expect(error.message).toContain(value);
});
