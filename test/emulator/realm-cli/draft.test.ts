// internal/cloud/realm/draft_test.go
import { describe, expect, it } from "vitest";
import {
  createDraft,
  diffDraft,
  diffLength,
  discardDraft,
  draft,
  type AppRef,
} from "./api-app-resources.js";
import { createApp } from "./api-apps.js";
import { RealmClient } from "./client.js";
import {
  caught,
  draftNotFound,
  invalidSession,
  newAuthClient,
  realmServer,
  setup,
} from "./setup.js";

const server = realmServer();

describe("TestRealmDrafts", () => {
  describe("should fail without an auth client", () => {
    it("with a call to get draft", async () => {
      const client = new RealmClient(server.url);
      expect(await caught(draft({ client, groupId: "groupID", appId: "appID" }))).toEqual(
        invalidSession,
      );
      expect(client.sent).toBe(0);
    });
  });

  describe("with an active session", () => {
    // The Go test creates this app ("users-test") and never deletes it.
    const app = {} as AppRef;
    setup(async () => {
      const client = await newAuthClient(server);
      const created = await createApp(client, server.groupId, "users-test");
      Object.assign(app, { client, groupId: server.groupId, appId: created._id });
    });

    it("getting drafts should fail if there are none", async () => {
      expect(await caught(draft(app))).toEqual(draftNotFound);
    });

    let created: any;
    it("should create a draft", async () => {
      created = await createDraft(app);
      expect(created._id).not.toBe("");
    });

    describe("should create a draft", () => {
      it("and be able to retrieve the draft", async () => {
        expect(await draft(app)).toEqual(created);
      });

      it("and be able to get diffs of the draft", async () => {
        expect(diffLength(await diffDraft(app, created._id))).toBe(0);
      });

      it("and be able to discard the draft", async () => {
        await discardDraft(app, created._id);
        expect(await caught(draft(app))).toEqual(draftNotFound);
      });
    });
  });
});
