import { inspect } from "node:util";
import { UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createAdminClient, rawCallError } from "../../packages/client/create-admin-client.js";
import { AdminBadRequestError, createApiError } from "../../packages/core/errors.js";
import { json, scriptedFetch } from "./helpers/scripted-fetch.js";

const credentials = { publicKey: "pubkey-abcdef", privateKey: "priv-1234-5678-secret" };
const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";

describe("rawCallError", () => {
  it("builds the typed error of a raw call with the client's own redaction", async () => {
    const access = new UnsecuredJWT({}).setIssuedAt().setExpirationTime("30m").encode();
    // A server (or proxy) that echoes the key it was given into an error body.
    const scripted = scriptedFetch([
      json(200, {
        access_token: access,
        refresh_token: "refresh-token-value",
        user_id: "u",
        device_id: "d",
      }),
      json(400, {
        error: `bad request for key ${credentials.privateKey}`,
        error_code: "InvalidParameter",
      }),
    ]);
    const admin = createAdminClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      credentials,
      fetch: scripted.fetch,
    });
    const { response, error } = await admin.raw.GET("/groups/{groupId}/apps", {
      params: { path: { groupId } },
    });
    const target = { method: "GET", path: `/groups/${groupId}/apps` };
    const built = rawCallError(admin, target, response, error);

    expect(built).toBeInstanceOf(AdminBadRequestError);
    expect(built.errorCode).toBe("InvalidParameter");
    for (const shown of [built.message, JSON.stringify(built), inspect(built), built.stack ?? ""]) {
      expect(shown).not.toContain(credentials.privateKey);
    }
    // Without the client's redactor the key would have gone through: the helper is what stops it.
    expect(createApiError({ ...target, status: 400, body: error }).message).toContain(
      credentials.privateKey,
    );
  });

  it("refuses a client it did not make", () => {
    expect(() =>
      rawCallError(
        {} as never,
        { method: "GET", path: "/" },
        new Response(null, { status: 500 }),
        undefined,
      ),
    ).toThrow(/createAdminClient or createAdminCore/);
  });
});
