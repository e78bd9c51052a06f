import { UnsecuredJWT } from "jose";
import { describe, expect, test } from "vitest";
import { accessTokenExpiry, DEFAULT_ACCESS_TOKEN_LIFETIME_MS } from "../../packages/auth/jwt.js";

const receivedAt = Date.UTC(2025, 0, 1);

describe("accessTokenExpiry", () => {
  test("the JWT's exp, in ms", () => {
    const token = new UnsecuredJWT({})
      .setIssuedAt(1_700_000_000)
      .setExpirationTime(1_700_001_800)
      .encode();
    expect(accessTokenExpiry(token, receivedAt)).toBe(1_700_001_800_000);
  });

  test("no exp: 30 minutes after iat", () => {
    const token = new UnsecuredJWT({}).setIssuedAt(1_700_000_000).encode();
    expect(accessTokenExpiry(token, receivedAt)).toBe(
      1_700_000_000_000 + DEFAULT_ACCESS_TOKEN_LIFETIME_MS,
    );
  });

  test.each(["not-a-jwt", "a.b.c", new UnsecuredJWT({}).encode()])(
    "unreadable %j: 30 minutes after receipt",
    (token) => {
      expect(accessTokenExpiry(token, receivedAt)).toBe(receivedAt + 30 * 60_000);
    },
  );
});
