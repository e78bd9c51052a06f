// internal/cloud/realm/schema_test.go
import { describe, expect, it } from "vitest";
import { schemaModels } from "./api-app-resources.js";
import { RealmClient } from "./client.js";
import { caught, invalidSession, realmServer, setupTestApp } from "./setup.js";

const server = realmServer();

describe("TestRealmSchemaModels", () => {
  it("should respond with 401 when not authenticated", async () => {
    const client = new RealmClient(server.url);
    const app = { client, groupId: "", appId: "" };
    expect(await caught(schemaModels(app, "JAVA"))).toEqual(invalidSession);
    expect(client.sent).toBe(0);
  });

  describe("with an active session", () => {
    const t = setupTestApp(server, "schema-test");

    it("should respond with an empty list of data models with no app schema", async () => {
      expect((await schemaModels(t.ref, "TYPE_SCRIPT")) ?? []).toHaveLength(0);
    });
  });
});
