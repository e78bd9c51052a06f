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
      /no user name, password, query or fragment/,
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
      expect(server.seen).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
