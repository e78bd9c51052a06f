// internal/cloud/realm/access_list_test.go
import { describe, expect, it } from "vitest";
import {
  allowedIpCreate,
  allowedIpDelete,
  allowedIpUpdate,
  allowedIps,
} from "./api-app-resources.js";
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

describe("TestRealmIPAccess", () => {
  it("should fail without an auth client", async () => {
    const client = new RealmClient(server.url);
    const app = { client, groupId: newObjectId(), appId: newObjectId() };
    expect(await caught(allowedIpCreate(app, "0.0.0.0/0", "comment", false))).toEqual(
      invalidSession,
    );
    expect(client.sent).toBe(0);
  });

  describe("with an active session", () => {
    const t = setupTestApp(server, "accesslist-test");

    it("should have only the allow from anywhere ip upon app initialization", async () => {
      const ips = await allowedIps(t.ref);
      expect(ips).toHaveLength(1);
      expect(ips[0].address).toBe("0.0.0.0/0");
    });

    let allowedIp: any;
    it("should create an allowed ip", async () => {
      allowedIp = await allowedIpCreate(t.ref, "1.1.1.1", "comment", false);
      expect(allowedIp.address).toBe("1.1.1.1");
      expect(allowedIp.comment).toBe("comment");
    });

    describe("should create an allowed ip", () => {
      it("and list all app allowed ips", async () => {
        const ips = await allowedIps(t.ref);
        expect(ips).toEqual([ips[0], allowedIp]);
      });

      it("and should update the allowed ip address", async () => {
        await allowedIpUpdate(t.ref, allowedIp._id, "3.3.3.3", "new comment");
      });

      describe("and should update the allowed ip address", () => {
        it("and list the new allowed ip address and comment", async () => {
          const ips = await allowedIps(t.ref);
          expect(ips[1].address).toBe("3.3.3.3");
          expect(ips[1].comment).toBe("new comment");
        });

        it("and return an error if we can't find the allowed ip", async () => {
          const dummyId = newObjectId();
          expect(await caught(allowedIpUpdate(t.ref, dummyId, "2.2.2.2", "notUsed"))).toEqual(
            serverError(`allowed IP not found: 'ObjectID("${dummyId}")'`),
          );
        });
      });

      it("and should delete the allowed ip", async () => {
        await allowedIpDelete(t.ref, allowedIp._id);
      });

      describe("and should delete the allowed ip", () => {
        it("and list only one allowed ip", async () => {
          expect(await allowedIps(t.ref)).toHaveLength(1);
        });

        it("and return an error if we can't find the allowed ip", async () => {
          expect(await caught(allowedIpDelete(t.ref, allowedIp._id))).toEqual(
            serverError(`allowed IP not found: 'ObjectID("${allowedIp._id}")'`),
          );
        });
      });
    });
  });
});
