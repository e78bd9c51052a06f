// internal/cloud/realm/deployment_test.go
import { describe, expect, it } from "vitest";
import {
  createDraft,
  deployDraft,
  deployment,
  deployments,
  type AppRef,
} from "./api-app-resources.js";
import { createApp } from "./api-apps.js";
import { RealmClient } from "./client.js";
import { caught, invalidSession, newAuthClient, newObjectId, realmServer, setup } from "./setup.js";

// Deployment statuses follow the clock: stopped, the deployment read first and the list read
// next show the same moment, as the Go test's equality of the two assumes.
const stopped = Date.now();
const server = realmServer({ clock: { now: () => stopped } });

describe("TestRealmDeployments", () => {
  it("should fail without an auth client", async () => {
    const client = new RealmClient(server.url);
    const app = { client, groupId: newObjectId(), appId: newObjectId() };
    expect(await caught(deployment(app, newObjectId()))).toEqual(invalidSession);
    expect(client.sent).toBe(0);
  });

  describe("with an active session", () => {
    // The Go test creates this app ("users-test") and its draft up front and never deletes them.
    const app = {} as AppRef;
    let draft: any;
    setup(async () => {
      const client = await newAuthClient(server);
      const created = await createApp(client, server.groupId, "users-test");
      Object.assign(app, { client, groupId: server.groupId, appId: created._id });
      draft = await createDraft(app);
    });

    it("should initially find no deployments", async () => {
      expect((await deployments(app)) ?? []).toHaveLength(0);
    });

    let deployed: any;
    it("should be able to deploy an existing draft", async () => {
      deployed = await deployDraft(app, draft._id);
      expect(deployed._id).not.toBe("");
      expect(deployed.status).toBe("created");
    });

    describe("should be able to deploy an existing draft", () => {
      it("and be able to retrieve the deployment", async () => {
        const found = await deployment(app, deployed._id);
        expect(found._id).toBe(deployed._id);

        expect(await deployments(app)).toEqual([found]);
      });
    });
  });
});
