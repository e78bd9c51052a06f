// A server that answers 2xx under a JSON Content-Type with a body that is not JSON, echoing a
// secret near the fault. The engine's SyntaxError quotes the body around the fault cut to a few
// characters either side: a secret cut there no longer matches the redactor, so no part of the
// quote may reach the error the caller gets, by either path a namespace call takes.
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AdminError } from "../../packages/core/errors.js";
import { startAdminServer, type AdminServer } from "./helpers/admin-server.js";
import { runtimeClient } from "./helpers/runtime-client.js";

let server: AdminServer;
beforeEach(async () => {
  server = await startAdminServer();
});
afterEach(async () => {
  await server.close();
});

/** Every 6-character piece of `secret` that `text` shows (6: the shortest secret redacted). */
function piecesShown(text: string, secret: string): string[] {
  const shown: string[] = [];
  for (let i = 0; i + 6 <= secret.length; i++) {
    const piece = secret.slice(i, i + 6);
    if (text.includes(piece)) shown.push(piece);
  }
  return shown;
}

// An API private key unquoted: the fault is at its first character, so the quote starts with the
// key's head. Then an access token quoted, just before a fault: the quote ends with its tail.
const PRIVATE_KEY = "d3adbeef-7d2b-4c8e-9f10-a1b2c3d4e5f6";
const bodies = (token: string) => [
  [`{"request": {"user": "pubkeyabcd", "key": ${PRIVATE_KEY}, "n": 1}}`, PRIVATE_KEY],
  [`{"padding": "${"x".repeat(40)}", "seen": ["${token}", !]}`, token],
];

describe("a 2xx body that is not valid JSON", () => {
  test.each([
    ["sent directly", false],
    ["sent through openapi-fetch (a middleware is registered)", true],
  ])("fails without any piece of an echoed secret in the error (%s)", async (_how, middleware) => {
    const session = server.mintSession();
    // The key pair is the client's (so its redactor knows it); the session is used, not the keys.
    const credentials = { publicKey: "pubkeyabcd", privateKey: PRIVATE_KEY };
    const client = runtimeClient({ baseUrl: server.url, session, credentials });
    if (middleware) client.raw.use({ onRequest: () => undefined });
    for (const [raw, secret] of bodies(session.accessToken)) {
      server.replyNext(1, (r) => r.path === "/groups/g1/apps", {
        status: 200,
        headers: { "content-type": "application/json" },
        raw,
      });
      const error = await client.listApps({ groupId: "g1" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AdminError);
      expect((error as Error).message).toBe(
        "GET /groups/g1/apps returned a body that is not valid JSON",
      );
      // The cause still says what the engine found wrong.
      expect(String((error as Error).cause)).toMatch(/^SyntaxError: /);
      for (const view of [inspect(error, { depth: 8 }), JSON.stringify(error)]) {
        expect(piecesShown(view, secret!)).toEqual([]);
      }
    }
  });
});
