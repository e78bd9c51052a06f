// internal/cloud/realm/app_ext_test.go
import { beforeAll, describe, expect, it } from "vitest";
import {
  appDescription,
  createApp,
  deleteApp,
  findApp,
  findApps,
  type RealmApp,
} from "./api-apps.js";
import { RealmClient } from "./client.js";
import { decode } from "./go-json.js";
import { AppDescription } from "./shapes.js";
import { caught, invalidSession, newAuthClient, realmServer } from "./setup.js";

const server = realmServer();

describe("TestRealmApps", () => {
  it("should fail without an auth client", async () => {
    const client = new RealmClient(server.url);
    expect(await caught(findApps(client, {}))).toEqual(invalidSession);
    expect(client.sent).toBe(0);
  });

  describe("with an active session", () => {
    let client: RealmClient;
    beforeAll(async () => {
      client = await newAuthClient(server);
    });

    let app: RealmApp;
    it("should create an app", async () => {
      const name = "eggcorn";
      app = await createApp(client, server.groupId, name);

      expect(app._id, "expected app to have id").not.toBe("");
      expect(app.group_id).toBe(server.groupId);
      expect(app.name).toBe(name);
      expect(app.client_app_id.startsWith(name), "client app id prefixed with name").toBe(true);
    });

    describe("should create an app", () => {
      it("and find the app by client app id", async () => {
        expect(await findApps(client, { app: app.client_app_id })).toEqual([app]);
      });

      it("and find the app by group and app id", async () => {
        const found = await findApp(client, app.group_id, app._id);
        expect(found._id).toBe(app._id);
      });

      it("and get the app description by id", async () => {
        const description = await appDescription(client, server.groupId, app._id);
        const { url, groupId } = server;
        expect(description).toEqual(
          decode(AppDescription, {
            client_app_id: app.client_app_id,
            name: app.name,
            realm_url: `${url}/groups/${groupId}/apps/${app._id}/dashboard`,
            data_sources: [],
            http_endpoints: [],
            services: [],
            auth_providers: [{ name: "api-key", type: "api-key", enabled: false }],
            values: [],
            functions: [],
            graphql: {
              url: `${url}/api/client/v2.0/app/${app.client_app_id}/graphql`,
              custom_resolvers: [],
            },
            environment: "",
            event_subscription: [],
            log_forwarders: [],
          }),
        );
      });

      it("and delete the app by id", async () => {
        await deleteApp(client, server.groupId, app._id);

        expect(await findApps(client, { app: app.client_app_id })).toEqual([]);
      });
    });
  });
});
