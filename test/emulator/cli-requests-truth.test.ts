/**
 * Requests of the official CLI (10gen/realm-cli@f1b1983) that its translated server tests
 * (`realm-cli/`) do not make, sent as the CLI's exact bytes: what the emulator must take and answer.
 * The same requests type-check as SDK calls in `test/types/realm-cli-calls.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start();
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

/** Sends a JSON body as the CLI marshals it (the bytes given, not re-serialized). */
const send = (method: string, path: string, bytes: string) =>
  call(emu, method, path, {
    token,
    body: bytes,
    headers: { "content-type": "application/json", "x-baas-request-origin": "mongodb-baas-cli" },
  });

describe("accesslist create --use-current (access_list.go, commands/accesslist/create.go)", () => {
  it("adds the caller's own address", async () => {
    const created = await send(
      "POST",
      appPath(emu, "/security/access_list"),
      '{"address":"","use_current":true}',
    );
    expect(created.status).toBe(201);
    // The caller is this test, over loopback.
    expect(created.body).toEqual({ _id: expect.any(String), address: "127.0.0.1" });
    const listed = await call(emu, "GET", appPath(emu, "/security/access_list"), { token });
    expect(listed.body.allowed_ips).toContainEqual(created.body);
  });

  it("keeps an address given beside use_current: false", async () => {
    const created = await send(
      "POST",
      appPath(emu, "/security/access_list"),
      '{"address":"10.0.0.1","comment":"office"}',
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      _id: expect.any(String),
      address: "10.0.0.1",
      comment: "office",
    });
  });

  // The address is unique as stored: a second `use_current` from this caller is the loopback
  // address again. The server's status and words for a duplicate are in no source we have
  // (realm-cli's tests never make one): the emulator's `<Thing>AlreadyExists` 409, a guess.
  it("refuses a second entry of one address, use_current or not, on create and update", async () => {
    const path = appPath(emu, "/security/access_list");
    const exists = (address: string) => ({
      status: 409,
      body: {
        error: `an allowed ip with address '${address}' already exists`,
        error_code: "AllowedIpAlreadyExists",
      },
    });
    const answer = async (p: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await p;
      return { status, body };
    };
    expect(await answer(send("POST", path, '{"address":"","use_current":true}'))).toEqual(
      exists("127.0.0.1"),
    );
    expect(await answer(send("POST", path, '{"address":"10.0.0.1"}'))).toEqual(exists("10.0.0.1"));
    const other = await send("POST", path, '{"address":"10.0.0.2"}');
    expect(other.status).toBe(201);
    expect(
      await answer(send("PATCH", `${path}/${other.body._id}`, '{"address":"10.0.0.1"}')),
    ).toEqual(exists("10.0.0.1"));
    const listed = await call(emu, "GET", path, { token });
    const addresses = (listed.body.allowed_ips as { address: string }[]).map((e) => e.address);
    expect(addresses.sort()).toEqual(["0.0.0.0/0", "10.0.0.1", "10.0.0.2", "127.0.0.1"]);
  });
});

describe("function run without --args through the client (function.go, function_test.go)", () => {
  it('takes "arguments": null, as Go marshals a nil slice', async () => {
    const fn = await send(
      "POST",
      appPath(emu, "/functions"),
      '{"name":"simple_test","source":"exports = () => \\"successful test\\""}',
    );
    expect(fn.status).toBe(201);
    // A map[string]interface{} marshals with its keys sorted.
    const run = await send(
      "POST",
      appPath(emu, "/debug/execute_function?run_as_system=true"),
      '{"arguments":null,"name":"simple_test"}',
    );
    expect(run.status).toBe(200);
  });

  it("still refuses arguments that are not a list", async () => {
    const run = await send(
      "POST",
      appPath(emu, "/debug/execute_function?run_as_system=true"),
      '{"arguments":"x","name":"simple_test"}',
    );
    expect(run.status).toBe(400);
    expect(run.body.error).toMatch(/arguments/);
  });
});

describe("app create --template with a cluster (app.go, commands/app/create*.go)", () => {
  it("takes the linked cluster as data_source, its version included", async () => {
    const created = await send(
      "POST",
      `/groups/${emu.groupId}/apps`,
      '{"name":"todo","location":"US-VA","deployment_model":"GLOBAL","template_id":"web.mql.todo",' +
        '"data_source":{"name":"mongodb-atlas","type":"mongodb-atlas",' +
        '"config":{"clusterName":"Cluster0","readPreference":"primary","wireProtocolEnabled":false},' +
        '"version":1}}',
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "todo", template_id: "web.mql.todo" });
  });

  it("answers the template_id that pull reads back (commands/pull/command.go)", async () => {
    const apps = await call(emu, "GET", `/groups/${emu.groupId}/apps`, { token });
    const todo = apps.body.find((a: { name: string }) => a.name === "todo");
    const found = await call(emu, "GET", `/groups/${emu.groupId}/apps/${todo._id}`, { token });
    expect(found.body.template_id).toBe("web.mql.todo");
  });
});
