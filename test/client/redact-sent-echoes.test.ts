// A secret value the client sends, echoed in the ways the redactor missed before: under 6
// characters in a JSON error body (the server's, or a gateway's quoting it), as Go before 1.22
// writes `\b` and `\f`. No rendering of the call's error shows it.
import { inspect } from "node:util";
import { expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import { AdminError } from "../../packages/core/errors.js";

const IDS = { groupId: "g1", appId: "5f0123456789abcdef012345" };

/** A fetch that answers the login, then fails a secret write with `echo(value)` as its body. */
function echoingFetch(echo: (value: string) => string, type: string) {
  return async (request: Request): Promise<Response> => {
    if (!request.url.includes("/secrets")) {
      return Response.json({
        access_token: "access-0123456789abcdef",
        refresh_token: "refresh-0123456789ab",
      });
    }
    const { value } = (await request.json()) as { value: string };
    return new Response(echo(value), { status: 400, headers: { "content-type": type } });
  };
}

const json = "application/json";
const text = "text/plain";
const cases: ReadonlyArray<readonly [string, string, (v: string) => string, string, string[]]> = [
  // A short value in the server's error body, parsed, and in a gateway's page quoting it.
  [
    "a short value, parsed",
    "pw1",
    (v) => JSON.stringify({ error: "bad", value: v }),
    json,
    ['"pw1"'],
  ],
  [
    "a short value, quoted by a gateway",
    "pw1",
    (v) => `upstream said: ${JSON.stringify({ error: "bad", request: { name: "db", value: v } })}`,
    text,
    ['"pw1"'],
  ],
  // Go before 1.22's escapes, as a gateway quotes them.
  [
    "old Go's \\u0008",
    "bell\bsecret",
    (v) => `upstream said: {"value":"${JSON.stringify(v).slice(1, -1).replace("\\b", "\\u0008")}"}`,
    text,
    ["bell\\u0008secret", "bell"],
  ],
];

test.each(cases)(
  "%s: no rendering of the error shows it",
  async (_name, value, echo, type, pieces) => {
    const admin = createAdminClient({
      credentials: { publicKey: "pubkeyab", privateKey: "5f1a0000-0000-4000-8000-000000000000" },
      fetch: echoingFetch(echo, type),
      retries: false,
    });
    const error = await admin.secrets.createSecret({ ...IDS, body: { name: "db", value } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AdminError);
    const e = error as AdminError;
    const seen = [e.message, String(e.stack), JSON.stringify(e), inspect(e, { depth: Infinity })];
    for (const piece of pieces) {
      for (const shown of seen) expect(shown, shown.slice(0, 400)).not.toContain(piece);
    }
    // The echo reached the error, redacted: the test would pass on an error that carries nothing.
    expect(seen.join("\n")).toContain("[REDACTED]");
  },
);
