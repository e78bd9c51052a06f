// internal/cloud/realm/secrets_test.go
import { describe, expect, it } from "vitest";
import { createSecret, deleteSecret, secrets, updateSecret } from "./api-app-resources.js";
import { RealmClient } from "./client.js";
import {
  caught,
  invalidSession,
  newObjectId,
  realmServer,
  serverError,
  setupTestApp,
} from "./setup.js";

const server = realmServer();

describe("TestRealmSecrets", () => {
  it("should fail without an auth client", async () => {
    const client = new RealmClient(server.url);
    const app = { client, groupId: newObjectId(), appId: newObjectId() };
    expect(await caught(secrets(app))).toEqual(invalidSession);
    expect(client.sent).toBe(0);
  });

  describe("with an active session ", () => {
    const t = setupTestApp(server, "secrets-test");

    it("should have no secrets upon app initialization", async () => {
      expect((await secrets(t.ref)) ?? []).toHaveLength(0);
    });

    let secret: any;
    it("should create a secret", async () => {
      secret = await createSecret(t.ref, "secretName", "secretValue");
    });

    describe("should create a secret", () => {
      it("and list all app secrets", async () => {
        expect(await secrets(t.ref)).toEqual([secret]);
      });

      it("and should update the app secret name", async () => {
        await updateSecret(t.ref, secret._id, "newName", "");
      });

      describe("and should update the app secret name", () => {
        it("and list the new app secret value", async () => {
          expect((await secrets(t.ref))[0].name).toBe("newName");
        });

        it("and return an error if we can't find the secret", async () => {
          expect(await caught(updateSecret(t.ref, "notFound", "notUsed", "notUsed"))).toEqual(
            serverError(`secret not found: "notFound"`),
          );
        });
      });

      it("and should delete the app secret", async () => {
        await deleteSecret(t.ref, secret._id);
      });

      describe("and should delete the app secret", () => {
        it("and list no more app secrets", async () => {
          // []realm.Secret{}: an empty JSON array, not null
          expect(await secrets(t.ref)).toEqual([]);
        });

        it("and return an error if we can't find the secret", async () => {
          // Go's %q of an ObjectID hex string is the string in double quotes
          expect(await caught(deleteSecret(t.ref, secret._id))).toEqual(
            serverError(`secret not found: ${JSON.stringify(secret._id)}`),
          );
        });
      });
    });
  });
});
