// internal/cloud/realm/user_test.go: the CLI's own helpers for auth provider type names. They send
// no request and the translated client has no counterpart (`findUsers` joins provider types with
// "," itself, exercised by user-ext.test.ts), so every case is skipped, named as in Go.
import { describe, it } from "vitest";

describe("TestAuthProviderTypeDisplay", () => {
  // Skipped: display strings of the CLI's terminal output; no server behaviour involved.
  for (const display of [
    "Anonymous",
    "User/Password",
    "ApiKey",
    "Apple",
    "Google",
    "Facebook",
    "Custom JWT",
    "Custom Function",
    "Unknown",
  ]) {
    it.skip(`should return ${display}`, () => {});
  }
});

describe("TestNewAuthProviderTypes", () => {
  // Skipped: converts strings to the CLI's provider type; no server behaviour involved.
  it.skip("should return provider type slice", () => {});
  it.skip("should return provider type slice", () => {});
});

describe("TestAuthProviderTypesJoin", () => {
  // Skipped: joins the CLI's provider types into a string; no server behaviour involved.
  it.skip("should return anon-user,local-userpass,api-key", () => {});
  it.skip("should return anon-user, local-userpass, api-key, oauth2-facebook, oauth2-google, oauth2-apple", () => {});
});
