// internal/cloud/realm/status_test.go
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { status } from "./api-session.js";
import { RealmClient } from "./client.js";
import { caught, realmServer } from "./setup.js";

const server = realmServer();

/** A loopback URL nothing listens on (the Go test uses `http://localhost:8081`). */
async function closedPortUrl(): Promise<string> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const { port } = listener.address() as { port: number };
  await new Promise<void>((resolve, reject) => listener.close((e) => (e ? reject(e) : resolve())));
  return `http://127.0.0.1:${port}`;
}

describe("TestRealmStatus", () => {
  it("Should return no error if the server is running", async () => {
    await status(new RealmClient(server.url));
  });
});

describe("TestRealmStatusFailure", () => {
  it("Should return an error if the server is not running", async () => {
    const client = new RealmClient(await closedPortUrl());
    expect(await caught(status(client))).toEqual({
      kind: "ServerUnavailableError",
      message: "Realm server is not available",
    });
  });
});
