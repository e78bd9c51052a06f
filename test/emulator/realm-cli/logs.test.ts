// internal/cloud/realm/logs_test.go
import { describe, expect, it } from "vitest";
import { logs } from "./api-app-resources.js";
import { realmServer, setupTestApp } from "./setup.js";

const server = realmServer();

describe("TestRealmLogs", () => {
  describe("with an active session", () => {
    const t = setupTestApp(server, "logs-test");

    it("getting logs should return an empty list if there are none", async () => {
      expect((await logs(t.ref)) ?? []).toHaveLength(0);
    });
  });
});
