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

  test("claims with non-ASCII text and base64url characters decode as jose encodes them", () => {
    const token = new UnsecuredJWT({ name: "Zoë ~~~ ???>>>", sub: "ü".repeat(7) })
      .setExpirationTime(1_700_001_801)
      .encode();
    expect(token.split(".")[1]).toMatch(/[-_]/);
    expect(accessTokenExpiry(token, receivedAt)).toBe(1_700_001_801_000);
  });

  const b64url = (text: string) => Buffer.from(text).toString("base64url");
  test.each([
    "not-a-jwt",
    "a.b.c",
    new UnsecuredJWT({}).encode(),
    `x.${b64url('{"exp":1700001800}')}`,
    `x.${b64url('{"exp":1700001800}')}.y.z.w`,
    `x.${b64url("[1700001800]")}.y`,
    `x.${b64url('{"exp":"1700001800"}')}.y`,
    `x.${b64url('{"exp":1700001800')}.y`,
    "x.a.y",
    "x.e30=.y",
  ])("unreadable %j: 30 minutes after receipt", (token) => {
    expect(accessTokenExpiry(token, receivedAt)).toBe(receivedAt + 30 * 60_000);
  });
});
