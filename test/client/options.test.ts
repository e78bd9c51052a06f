import { describe, expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import { startAdminServer } from "./helpers/admin-server.js";
import { runtimeClient } from "./helpers/runtime-client.js";

describe("client options are checked when the client is created", () => {
  test.each([
    [
      { baseUrl: "services.cloud.mongodb.com/api/admin/v3.0" },
      TypeError,
      /^baseUrl must be an absolute http\(s\) URL .*; got "services.cloud.mongodb.com\/api\/admin\/v3.0"$/,
    ],
    [{ baseUrl: "ftp://example.com/api" }, TypeError, /got "ftp:\/\/example.com\/api"$/],
    [
      { baseUrl: "https://example.com/api?x=1" },
      TypeError,
      /no whitespace, user name, password, query or fragment/,
    ],
    [
      { timeoutMs: -1 },
      RangeError,
      /^timeoutMs must be 0 or Infinity \(no timeout\) or milliseconds up to 2147483647; got -1 \(number\)$/,
    ],
    [{ timeoutMs: Number.NaN }, RangeError, /^timeoutMs must be/],
    [
      { timeoutMs: 2 ** 31 },
      RangeError,
      /^timeoutMs .* up to 2147483647; got 2147483648 \(number\)$/,
    ],
    [{ timeoutMs: "5000" }, TypeError, /^timeoutMs must be .*; got "5000"$/],
    [
      { retries: 1.5 },
      RangeError,
      /^retries must be false or a non-negative integer; got 1.5 \(number\)$/,
    ],
    [{ retries: -1 }, RangeError, /^retries must be/],
    [
      { retries: true },
      TypeError,
      /^retries must be false or a non-negative integer; got true \(boolean\)$/,
    ],
    [
      { baseUrl: "https://example.com/api admin" },
      TypeError,
      /^baseUrl must be an absolute http\(s\) URL with no whitespace.*; got "https:\/\/example.com\/api admin"$/,
    ],
    [{ baseUrl: " https://example.com/api" }, TypeError, /with no whitespace/],
    [{ baseUrl: "https://example.com/api\n" }, TypeError, /with no whitespace/],
    [{ fetch: "https://example.com" }, TypeError, /^fetch must be a function; got a string$/],
    [{ onSessionChange: {} }, TypeError, /^onSessionChange must be a function; got an object$/],
    [{ random: 0.5 }, TypeError, /^random must be a function; got a number$/],
    [
      { credentials: "pubkey:0f5c3a1e-7d2b-4c8e-9f10-a1b2c3d4e5f6" },
      TypeError,
      /^credentials must be \{ publicKey: string, privateKey: string \}; got a string$/,
    ],
    [
      { credentials: { publicKey: "pubkeyab" } },
      TypeError,
      /^credentials must be .*; got \{ publicKey: a string, privateKey: undefined \}$/,
    ],
    [
      { credentials: { username: "pubkeyab", apiKey: "0f5c3a1e" } },
      TypeError,
      /got \{ publicKey: undefined, privateKey: undefined \}$/,
    ],
    [
      { credentials: { publicKey: "pubkeyab", privateKey: "" } },
      TypeError,
      /got \{ publicKey: a string, privateKey: an empty string \}$/,
    ],
    [
      { session: { accessToken: 5 } },
      TypeError,
      /^session must be \{ accessToken: string\?, refreshToken: string\? \}; got \{ accessToken: a number, refreshToken: undefined \}$/,
    ],
    [{ session: "token" }, TypeError, /^session must be .*; got a string$/],
    [
      { logger: () => undefined },
      TypeError,
      /^logger must be \{ debug: function\?, warn: function\? \}; got a function$/,
    ],
    [{ logger: { debug: "yes" } }, TypeError, /got \{ debug: a string, warn: undefined \}$/],
    [
      { clock: { now: (): number => 0 } },
      TypeError,
      /^clock must be \{ now: function, sleep: function, setTimer: function\?, clearTimer: function\? \}; got \{ now: a function, sleep: undefined, setTimer: undefined, clearTimer: undefined \}$/,
    ],
  ])("%j", (options, type, message) => {
    const create = () => createAdminClient(options as never);
    expect(create).toThrow(type);
    expect(create).toThrow(message);
  });

  test("a user name and password in baseUrl are refused and never repeated", () => {
    const create = () => createAdminClient({ baseUrl: "https://pub:secret-key@example.com/api" });
    expect(create).toThrow(/got a URL with a user name or password$/);
    expect(create).not.toThrow(/secret-key/);
  });

  test("a wrong credentials object is described by its types, never by its values", () => {
    const privateKey = "0f5c3a1e-7d2b-4c8e-9f10-a1b2c3d4e5f6";
    for (const credentials of [
      privateKey,
      { privateKey },
      { publicKey: privateKey, privateKey: 1 },
    ]) {
      const create = () => createAdminClient({ credentials: credentials as never });
      expect(create).toThrow(TypeError);
      expect(create).not.toThrow(/0f5c3a1e/);
    }
  });

  test("a host-only baseUrl, the official CLI's form, gets /api/admin/v3.0 appended", async () => {
    for (const host of [
      "https://realm.mongodb.com",
      "https://realm.mongodb.com/",
      "https://realm.mongodb.com//",
    ]) {
      expect(runtimeClient({ baseUrl: host }).runtime.baseUrl).toBe(
        "https://realm.mongodb.com/api/admin/v3.0",
      );
    }
    // A path of the user's own is kept as it is.
    expect(runtimeClient({ baseUrl: "https://proxy.example/admin" }).runtime.baseUrl).toBe(
      "https://proxy.example/admin",
    );
    // And the requests really go below it.
    const server = await startAdminServer();
    try {
      const origin = new URL(server.url).origin;
      const admin = createAdminClient({ baseUrl: origin, credentials: server.credentials });
      await expect(admin.apps.listApplications({ groupId: "g1" })).resolves.toHaveLength(1);
      expect(server.seen.map((r) => r.path)).toEqual([
        "/auth/providers/mongodb-cloud/login",
        "/groups/g1/apps",
      ]);
    } finally {
      await server.close();
    }
  });

  test("valid values pass: no timeout, no retries, trailing slashes dropped", () => {
    const valid: AdminClientOptions[] = [
      { timeoutMs: 0 },
      { timeoutMs: Infinity },
      { retries: false },
      { retries: 0 },
    ];
    for (const options of valid) expect(() => createAdminClient(options)).not.toThrow();
    const client = runtimeClient({ baseUrl: "http://127.0.0.1:9/api/admin/v3.0//" });
    expect(client.runtime.baseUrl).toBe("http://127.0.0.1:9/api/admin/v3.0");
  });
});

describe("per-call options", () => {
  test("a bad timeoutMs or retries fails the call before anything is sent, naming the option", async () => {
    const server = await startAdminServer();
    try {
      const client = runtimeClient({ baseUrl: server.url, credentials: server.credentials });
      await expect(client.listApps({ groupId: "g1" }, { timeoutMs: -5 })).rejects.toThrow(
        /^call option timeoutMs must be/,
      );
      await expect(client.listApps({ groupId: "g1" }, { retries: 0.5 })).rejects.toThrow(
        /^call option retries must be/,
      );
      await expect(
        client.listApps({ groupId: "g1" }, { signal: { aborted: false } as never }),
      ).rejects.toThrow(/^call option signal must be an AbortSignal; got an object$/);
      expect(server.seen).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
