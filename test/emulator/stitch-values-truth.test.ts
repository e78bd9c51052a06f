/**
 * The Stitch admin client's Values tests (mongodb/stitch-js-sdk@e7b5540, support/3.x,
 * `test/admin/values.test.js`), which ran against the real server, replayed over plain HTTP: the
 * requests, which the SDK's types accept too (over-required-properties), and what is read back.
 * The tests also compare whole documents (the created value equals the listed one and, without
 * its `value`, the fetched one); whether today's server still answers so is an open question
 * (spec/EVIDENCE.md), so those comparisons are left out.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await start();
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

const values = (suffix = "") => appPath(emu, `/values${suffix}`);
const send = (method: string, path: string, json?: unknown) =>
  call(emu, method, path, { token, json });

it("creating a value with only a name makes it appear in the list", async () => {
  const created = await send("POST", values(), { name: "onlyname" });
  expect(created.status).toBe(201);
  expect(created.body.name).toBe("onlyname");
  const listed = await send("GET", values());
  expect(listed.body).toContainEqual(
    expect.objectContaining({ _id: created.body._id, name: "onlyname" }),
  );
  expect((await send("DELETE", values(`/${created.body._id}`))).status).toBe(204);
});

it("fetching a value created with {name, value} returns its value", async () => {
  const created = await send("POST", values(), { name: "withvalue", value: "foo" });
  expect(created.status).toBe(201);
  const deep = await send("GET", values(`/${created.body._id}`));
  expect(deep.body).toMatchObject({ _id: created.body._id, name: "withvalue", value: "foo" });
});

it("can update a value by sending the created one back, changed", async () => {
  const created = await send("POST", values(), { name: "updated", value: "foo" });
  const changed = { ...created.body, value: '"abcdefgh"' };
  const updated = await send("PUT", values(`/${created.body._id}`), changed);
  expect(updated.status).toBeLessThan(300);
  const deep = await send("GET", values(`/${created.body._id}`));
  expect(deep.body.value).toBe('"abcdefgh"');
});
