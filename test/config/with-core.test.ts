/**
 * `appservices-admin/config` needs only what it calls (issue 16 item 4): `pullApp`, `diffApp` and
 * `pushApp` take an `AdminCaller` (`call` alone), so the small client (`createAdminCore`) works as
 * well as the full one; `pullApp` with `includeDependencies` also reads a response header through
 * `raw`, which both factories give. The calls below type-check with each client (`npm run
 * typecheck` covers test/), and run against the emulator with the core and with an object that
 * has nothing but `call`: a module that went back to a namespace (`client.apps.…`) or to `raw`
 * would fail to compile here and throw on `undefined` at run time.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import {
  createAdminCore,
  type AdminCaller,
  type AdminCore,
} from "../../packages/client/create-admin-core.js";
import {
  diffApp,
  pullApp,
  pushApp,
  type PullAppResult,
  type PushAppResult,
} from "../../packages/config/index.js";
import { CreateFunction } from "../../generated/operations/functions.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { tempDir } from "./helpers.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("config's functions take the minimal client (types)", () => {
  it("accepts createAdminCore and createAdminClient, and a bare AdminCaller where `call` is enough", () => {
    const core = createAdminCore({ baseUrl: "http://127.0.0.1:9" });
    const full = createAdminClient({ baseUrl: "http://127.0.0.1:9" });
    const caller: AdminCaller = { call: core.call };
    const ids = { groupId: "g", appId: "0123456789abcdef01234567", dir: "./app" };
    // Never run: only compiled.
    const misuses = () => {
      expectTypeOf(pullApp(core, ids)).toEqualTypeOf<Promise<PullAppResult>>();
      expectTypeOf(pullApp(full, { ...ids, includeDependencies: true })).toEqualTypeOf<
        Promise<PullAppResult>
      >();
      expectTypeOf(pullApp(caller, { ...ids, includeHosting: true })).toEqualTypeOf<
        Promise<PullAppResult>
      >();
      void diffApp(core, ids);
      void diffApp(caller, ids);
      expectTypeOf(pushApp(core, { ...ids, dryRun: true })).toEqualTypeOf<Promise<PushAppResult>>();
      void pushApp(caller, ids);
      // The dependencies export's file name is in a header: `call` alone cannot read it.
      // @ts-expect-error an AdminCaller has no `raw`
      void pullApp(caller, { ...ids, includeDependencies: true });
      const maybe: boolean = Math.random() > 0.5;
      // @ts-expect-error includeDependencies that may be true needs a client with `raw`
      void pullApp(caller, { ...ids, includeDependencies: maybe });
      // @ts-expect-error something without `call` is no client
      void diffApp({ apps: full.apps }, ids);
    };
    expectTypeOf(misuses).toBeFunction();
    expectTypeOf<AdminCore>().toExtend<Parameters<typeof pushApp>[0]>();
  });
});

describe("pull → diff → push → pull with createAdminCore and with `call` alone, against the emulator", () => {
  let emu: RunningEmulator;
  let core: AdminCore;
  beforeAll(async () => {
    emu = await startEmulator({ logs: { count: 0 } });
    core = createAdminCore({ baseUrl: emu.url, credentials: emu.credentials });
    const { groupId, appId } = emu;
    await core.call(CreateFunction, {
      groupId,
      appId,
      body: { name: "hello", private: false, source: "exports = () => 1;\n" },
    });
    await uploadAsset(core, { groupId, appId, path: "/index.html", file: bytes("<h1>hi</h1>") });
    // Dependencies to export (the upload is multipart/form-data, sent as the CLI sends it).
    const form = new FormData();
    const manifest = JSON.stringify({ dependencies: { lodash: "^4.17.21" } });
    form.append("file", new Blob([manifest], { type: "application/json" }), "package.json");
    const upload = await fetch(`${emu.url}/groups/${groupId}/apps/${appId}/dependencies`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${core.session.get().accessToken}` },
      body: form,
    });
    expect(upload.status).toBe(204);
  });
  afterAll(() => emu?.stop());

  it("round-trips an edit with the core", async () => {
    const ids = { groupId: emu.groupId, appId: emu.appId };
    const dir = join(tempDir(), "app");
    const pulled = await pullApp(core, { ...ids, dir, includeDependencies: true });
    expect(pulled.written).toEqual(
      expect.arrayContaining(["functions/hello.js", "functions/package.json"]),
    );
    expect((await pushApp(core, { ...ids, dir })).deployment).toBeUndefined();

    writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
    const diff = await diffApp(core, { ...ids, dir });
    expect(diff.changes).toEqual([
      { kind: "function", name: "hello", change: "changed", files: ["functions/hello.js"] },
    ]);
    const pushed = await pushApp(core, { ...ids, dir });
    expect(pushed.deployment?.status).toBe("successful");

    const again = join(tempDir(), "app");
    await pullApp(core, { ...ids, dir: again });
    expect(readFileSync(join(again, "functions/hello.js"), "utf8")).toBe("exports = () => 2;\n");
  });

  it("pulls, diffs and pushes with an object that has nothing but `call`", async () => {
    const caller: AdminCaller = { call: core.call.bind(core) };
    const ids = { groupId: emu.groupId, appId: emu.appId };
    const dir = join(tempDir(), "app");
    const pulled = await pullApp(caller, { ...ids, dir, includeHosting: true });
    expect(pulled.written).toContain("hosting/files/index.html");
    expect((await diffApp(caller, { ...ids, dir, includeHosting: true })).hasChanges).toBe(false);
    writeFileSync(join(dir, "functions/hello.js"), "exports = () => 3;\n");
    const pushed = await pushApp(caller, { ...ids, dir });
    expect(pushed.deployment?.status).toBe("successful");
  });

  it("says what includeDependencies needs when given `call` alone (a cast past the types)", async () => {
    const caller = { call: core.call } as unknown as AdminCore;
    const options = { groupId: emu.groupId, appId: emu.appId, dir: join(tempDir(), "app") };
    await expect(pullApp(caller, { ...options, includeDependencies: true })).rejects.toThrow(
      /includeDependencies needs a client from createAdminCore or createAdminClient/,
    );
  });
});
