// internal/cloud/realm/user_ext_test.go
import { describe, expect, it } from "vitest";
import { importApp } from "./api-import-export.js";
import {
  createApiKey,
  createUser,
  deleteUser,
  disableUser,
  enableUser,
  findUsers,
  revokeUserSessions,
  type RealmUser,
} from "./api-users.js";
import { AppStructureV2 } from "./app-structure.js";
import { RealmClient } from "./client.js";
import { identity } from "./import-export-data.js";
import { caught, invalidSession, newObjectId, realmServer, setupTestApp, setup } from "./setup.js";

const server = realmServer();

const providerType = (user: RealmUser) => user.identities?.[0]?.provider_type;

describe("TestRealmUsers", () => {
  it("Should fail without an auth client", async () => {
    const client = new RealmClient(server.url);
    const app = { client, groupId: newObjectId(), appId: newObjectId() };
    expect(await caught(findUsers(app, {}))).toEqual(invalidSession);
    expect(client.sent).toBe(0);
  });

  describe("With an active session", () => {
    const t = setupTestApp(server, "users-test");
    setup(async () => {
      await importApp(t.ref, AppStructureV2, {
        ...identity(t.app, 20210101),
        auth: {
          providers: {
            "api-key": { name: "api-key", type: "api-key" },
            "local-userpass": {
              name: "local-userpass",
              type: "local-userpass",
              config: {
                resetPasswordUrl: "http://localhost:8080/reset_password",
                emailConfirmationUrl: "http://localhost:8080/confirm_email",
              },
            },
          },
        },
      });
    });

    let email1: RealmUser, email2: RealmUser, email3: RealmUser;
    let apiKey1: any, apiKey2: any;
    const apiKeyIds: Record<string, string> = {};

    it("Should create users", async () => {
      email1 = await createUser(t.ref, "one@domain.com", "password1");
      email2 = await createUser(t.ref, "two@domain.com", "password2");
      email3 = await createUser(t.ref, "three@domain.com", "password3");

      apiKey1 = await createApiKey(t.ref, "one");
      apiKey2 = await createApiKey(t.ref, "two");

      apiKeyIds[apiKey1._id] = "";
      apiKeyIds[apiKey2._id] = "";
    });

    describe("Should create users", () => {
      it("And find all types of users", async () => {
        const users = await findUsers(t.ref, {});

        const emailUsers: RealmUser[] = [];
        const apiKeyUsers: RealmUser[] = [];
        for (const user of users) {
          expect(user.identities ?? [], "expected user to have only one identity").toHaveLength(1);
          if (providerType(user) === "local-userpass") emailUsers.push(user);
          if (providerType(user) === "api-key") apiKeyUsers.push(user);
        }

        expect(emailUsers).toHaveLength(3);
        expect(emailUsers).toEqual([email1, email2, email3]);

        expect(apiKeyUsers).toHaveLength(2);
        for (const user of apiKeyUsers) {
          const uid = user.identities![0]!.id;
          expect(uid in apiKeyIds, `expected ${uid} to match a created API key id`).toBe(true);
          apiKeyIds[uid] = user._id;
        }
      });

      it("And find a certain type of user", async () => {
        const users = await findUsers(t.ref, { providers: ["local-userpass"] });
        expect(users).toEqual([email1, email2, email3]);
      });

      it("And find specific user ids", async () => {
        const users = await findUsers(t.ref, { ids: [email2._id, email3._id] });
        expect(users).toEqual([email2, email3]);
      });

      let email1Disabled: RealmUser, email3Disabled: RealmUser;
      it("And disable users", async () => {
        await disableUser(t.ref, email1._id);
        const users1 = await findUsers(t.ref, { ids: [email1._id] });
        expect(users1).toHaveLength(1);
        email1Disabled = users1[0]!;
        expect(email1Disabled.disabled, `expected ${email1Disabled.data?.email} disabled`).toBe(
          true,
        );

        await disableUser(t.ref, email3._id);
        const users3 = await findUsers(t.ref, { ids: [email3._id] });
        expect(users3).toHaveLength(1);
        email3Disabled = users3[0]!;
        expect(email3Disabled.disabled, `expected ${email3Disabled.data?.email} disabled`).toBe(
          true,
        );
      });

      describe("And disable users", () => {
        it("And find all disabled users", async () => {
          const users = await findUsers(t.ref, { state: "disabled" });
          expect(users).toEqual([email1Disabled, email3Disabled]);
        });

        it("And find specific user using all filter options", async () => {
          const users = await findUsers(t.ref, {
            ids: [email2._id, email3._id, apiKeyIds[apiKey1._id]!],
            state: "disabled",
            providers: ["local-userpass"],
          });
          expect(users).toEqual([email3Disabled]);
        });
      });

      it("And enable users", async () => {
        await enableUser(t.ref, email1._id);
        const users1 = await findUsers(t.ref, { ids: [email1._id] });
        const email1Enabled = users1[0]!;
        expect(email1Enabled.disabled, `expected ${email1Enabled.data?.email} enabled`).toBe(false);

        await enableUser(t.ref, email3._id);
        const users3 = await findUsers(t.ref, { ids: [email3._id] });
        const email3Enabled = users3[0]!;
        expect(email3Enabled.disabled, `expected ${email3Enabled.data?.email} enabled`).toBe(false);
      });

      describe("And enable users", () => {
        it("And find all enabled users", async () => {
          const users = await findUsers(t.ref, { state: "enabled" });
          expect(users).toHaveLength(5);

          const emailUsers: RealmUser[] = [];
          const keyIds: string[] = [];
          for (const user of users) {
            expect(user.identities ?? [], "expected user to have only one identity").toHaveLength(
              1,
            );
            if (providerType(user) === "local-userpass") emailUsers.push(user);
            if (providerType(user) === "api-key") keyIds.push(user.identities![0]!.id);
          }
          expect(emailUsers).toEqual([email1, email2, email3]);
          expect(keyIds).toEqual([apiKey1._id, apiKey2._id]);
        });
      });

      it("And find enabled user/password users", async () => {
        const users = await findUsers(t.ref, {
          state: "enabled",
          providers: ["local-userpass"],
          ids: [email1._id, email2._id, email3._id],
        });
        for (const user of users) {
          expect(user.disabled, `expected ${user.data?.email} to be enabled`).toBe(false);
        }
      });

      it("And revoking a user session should succeed", async () => {
        await revokeUserSessions(t.ref, email1._id);
      });

      it("And delete users", async () => {
        const ids = [email1, email2, email3].map((u) => u._id);
        for (const userId of [...ids, apiKeyIds[apiKey1._id]!, apiKeyIds[apiKey2._id]!]) {
          await deleteUser(t.ref, userId);
        }
      });
    });

    it("And finding pending users should return an empty list", async () => {
      expect(await findUsers(t.ref, { pending: true })).toEqual([]);
    });
  });
});
