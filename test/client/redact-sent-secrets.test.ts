// The secret values a client sends are known while their calls run and, after them, only while
// among the most recently sent (each known value costs every later redaction a scan). Many writes
// at once, more than that bound, each failing with an echo of its request (the server's JSON error,
// with Go's escapes; a gateway quoting it unparsed; a proxy's page), show no value in any rendering
// of their errors.
import { inspect } from "node:util";
import { expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { AdminError } from "../../packages/core/errors.js";
import { goJson } from "../helpers/go-json.js";

const IDS = { groupId: "g1", appId: "5f0123456789abcdef012345" };
const WRITES = 150;

/**
 * A fetch that answers the login, then holds every secret write until all `WRITES` have arrived
 * and fails each with an echo of its body: every call is in flight at once.
 */
function echoingFetch() {
  const waiting: Array<() => void> = [];
  let arrived = 0;
  const fetch = async (request: Request): Promise<Response> => {
    if (!request.url.includes("/secrets")) {
      return Response.json({
        access_token: "access-0123456789abcdef",
        refresh_token: "refresh-0123456789ab",
      });
    }
    const body = await request.text();
    const n = ++arrived;
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (arrived === WRITES) for (const go of waiting) go();
    });
    // The server's JSON error, a gateway quoting it as text (not parsed: Go's escapes stay), a
    // proxy's page quoting the request.
    const error = `{"error":"invalid secret ${goJson(body)}","error_code":"BadRequest"}`;
    return n % 3 === 0
      ? new Response(error, { status: 400, headers: { "content-type": "application/json" } })
      : n % 3 === 1
        ? new Response(`upstream answered 400: ${error}`, {
            status: 502,
            headers: { "content-type": "text/plain" },
          })
        : new Response(`<pre>${request.method} ${request.url}\n${body}</pre>`, {
            status: 502,
            headers: { "content-type": "text/html" },
          });
  };
  return fetch;
}

test("every value of many concurrent secret writes stays out of their errors", async () => {
  const admin = createAdminClient({
    credentials: { publicKey: "pubkeyab", privateKey: "5f1a0000-0000-4000-8000-000000000000" },
    fetch: echoingFetch(),
    retries: false,
  });
  const value = (i: number) => `s3cret&<${i}>\u2028"tail-${i}-end`;
  const errors = await Promise.all(
    Array.from({ length: WRITES }, (_v, i) => {
      const body = { name: `s${i}`, value: value(i) };
      const call =
        i % 2
          ? admin.secrets.createSecret({ ...IDS, body })
          : admin.secrets.modifySecret({ ...IDS, secretId: `id${i}`, body });
      return call.then(
        () => undefined,
        (e: unknown) => e,
      );
    }),
  );
  for (const [i, error] of errors.entries()) {
    expect(error).toBeInstanceOf(AdminError);
    const e = error as Error;
    const seen = [e.message, String(e.stack), JSON.stringify(e), inspect(e, { depth: Infinity })];
    // Pieces of the value, as written and as Go escapes them.
    for (const piece of [`tail-${i}-end`, `&<${i}>`, `\\u0026\\u003c${i}\\u003e`]) {
      for (const text of seen)
        expect(text, `write ${i}: ${text.slice(0, 300)}`).not.toContain(piece);
    }
  }
});
