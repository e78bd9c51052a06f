// Property: any string given as a path parameter either reaches the server as exactly one path
// segment that decodes back to the string, or is refused before sending with an error naming
// the parameter. fast-check, fixed seed, bounded runs (see RUNS and SEED).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DeleteValue } from "../../generated/operations/values.js";
import { createAdminClient, type AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminPathParameterError } from "../../packages/core/errors.js";

const SEED = 0x5eed_0015;
const RUNS = 300; // per property: three properties, 900 cases over loopback HTTP

const API = "/api/admin/v3.0";
const appId = "5f1a2b3c4d5e6f7a8b9c0d1e";
let server: Server;
let admin: AdminClient;
/** The raw request targets the server received (before any parsing that could normalise them). */
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req.url ?? "");
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  admin = createAdminClient({
    baseUrl: `http://127.0.0.1:${port}${API}`,
    session: { accessToken: "not-checked-here", refreshToken: "not-checked-either" },
    retries: false,
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Any string: arbitrary UTF-16 (lone surrogates included), graphemes, and the risky ones. */
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.stringMatching(/^[./%2eE?#;{}\\]{0,6}$/),
  fc.constantFrom(
    "",
    ".",
    "..",
    "...",
    "%2e",
    "%2E%2e",
    ".%2e",
    "/",
    "../..",
    "a/..",
    "\\..",
    "?",
    "#",
  ),
);

/**
 * Sends with `value` in the parameter `name` and checks the outcome: refused naming `name` with
 * nothing sent, or one request whose `index`-th path segment (of `segments`) decodes to `value`.
 */
async function roundTrip(
  send: () => Promise<unknown>,
  name: string,
  value: string,
  index: number,
  segments: number,
): Promise<void> {
  received.length = 0;
  const outcome = await send().then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome !== undefined) {
    expect(outcome).toBeInstanceOf(AdminPathParameterError);
    expect((outcome as AdminPathParameterError).parameter).toBe(name);
    expect(received).toEqual([]);
    // Only what cannot travel as one segment is refused: a refusal of anything else is a bug too.
    expect(["", ".", ".."].includes(value) || LONE_SURROGATE.test(value), value).toBe(true);
    return;
  }
  expect(received).toHaveLength(1);
  const path = received[0]!.split("?")[0]!.slice(API.length);
  const parts = path.split("/").slice(1);
  expect(parts).toHaveLength(segments);
  expect(decodeURIComponent(parts[index]!)).toBe(value);
}

test("a namespace call's last parameter (valueId)", async () => {
  await fc.assert(
    fc.asyncProperty(anyString, (valueId) =>
      roundTrip(
        () => admin.values.getValue({ groupId: "g1", appId, valueId }),
        "valueId",
        valueId,
        5,
        6,
      ),
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

test("a namespace call's first parameter (groupId), through admin.call", async () => {
  await fc.assert(
    fc.asyncProperty(anyString, (groupId) =>
      roundTrip(
        () => admin.call(DeleteValue, { groupId, appId, valueId: "v" }),
        "groupId",
        groupId,
        1,
        6,
      ),
    ),
    { seed: SEED + 1, numRuns: RUNS },
  );
});

test("a raw call", async () => {
  await fc.assert(
    fc.asyncProperty(anyString, (groupId) =>
      roundTrip(
        () => admin.raw.GET("/groups/{groupId}/apps", { params: { path: { groupId } } }),
        "groupId",
        groupId,
        1,
        3,
      ),
    ),
    { seed: SEED + 2, numRuns: RUNS },
  );
});
