// pushApp / diffApp with includeDependencies, against the emulator: what is sent (10gen/realm-cli
// internal/local/dependencies.go: an archive as it is, else node_modules zipped relative to
// functions/; package.json as it is), when (after the deployment, only when the dependencies' diff
// finds a change), and how the installation's status is awaited.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import {
  ConfigValidationError,
  DependenciesInstallError,
  DependenciesTimeoutError,
  PushAppError,
  diffApp,
  formatAppDiff,
  pullApp,
  pushApp,
} from "../../packages/config/index.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;
const STATUS = "/groups/{groupId}/apps/{appId}/dependencies/status";

let world: World;
let dir: string;

beforeEach(async () => {
  // Installed at once: the status is `successful` from the first read unless a fault says otherwise.
  world = await startWorld({}, { dependencyInstallMs: 0 });
  await world.admin.functions.createFunction({
    ...world.ids,
    body: { name: "hello", private: false, source: "exports = () => 1;\n" },
  });
  dir = join(tempDir(), "app");
  await pullApp(world.admin, { ...world.ids, dir });
});
afterEach(() => world.emu.stop());

function writePackage(name: string, version: string) {
  mkdirSync(join(dir, "functions/node_modules", name), { recursive: true });
  writeFileSync(
    join(dir, "functions/node_modules", name, "package.json"),
    JSON.stringify({ name, version }),
  );
}

/** Every read of the installation's status finds it still running, however long one waits. */
function installingForever() {
  world.emu.control.failNext({
    method: "GET",
    path: STATUS,
    status: 200,
    count: 1000,
    body: { status: "created", status_message: "processing request" },
  });
}

/** Requests that change the app (anything but reads and the two diffs). */
function writes() {
  return world.emu.control
    .requests()
    .filter(
      (r) =>
        r.method !== "GET" &&
        !(r.path.endsWith("/import") && r.query?.includes("diff=true")) &&
        !r.path.endsWith("/dependencies/diff"),
    )
    .map((r) => `${r.method} ${r.path.replace(/^.*\/apps\/[^/]+/, "")}`);
}

describe("pushApp includeDependencies", () => {
  it("zips functions/node_modules (paths from functions/), installs it after the deployment, and waits", async () => {
    writePackage("lodash", "4.17.21");
    writePackage("@scope/tool", "1.0.0");
    mkdirSync(join(dir, "functions/node_modules/.bin"));
    symlinkSync("../lodash/package.json", join(dir, "functions/node_modules/.bin/lodash"));
    writeFileSync(join(dir, "functions/hello.js"), "exports = () => 2;\n");
    world.emu.control.resetCounts();

    const result = await pushApp(world.admin, {
      ...world.ids,
      dir,
      includeDependencies: "node-modules",
    });

    expect(result.diff.dependencies).toEqual({
      added: [
        { name: "@scope/tool", version: "1.0.0" },
        { name: "lodash", version: "4.17.21" },
      ],
      deleted: [],
      modified: [],
    });
    expect(result.dependencies).toEqual({
      source: "node-modules",
      path: "functions/node_modules",
      status: "successful",
      message: "",
    });
    // The official CLI's order: the draft's import and deployment, then the dependencies.
    const sent = writes();
    expect(sent.at(-1)).toBe("PUT /dependencies");
    expect(sent.findIndex((w) => w.endsWith("/deployment"))).toBeLessThan(sent.length - 1);
    const statusReads = world.emu.control
      .requests()
      .filter((r) => r.path.endsWith("/dependencies/status"));
    expect(statusReads.length).toBe(1);

    const { groupId, appId } = world.ids;
    const installed = await world.admin.dependencies.getAllDependencies({ groupId, appId });
    expect(installed.dependencies_list?.map((d) => d.name)).toEqual(["@scope/tool", "lodash"]);
    // Entries relative to functions/, files only; a .bin link's target content goes in.
    const exported = await world.admin.dependencies.exportDependenciesArchive(world.ids);
    const entries = unzipSync(new Uint8Array(await (exported as Blob).arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual([
      "node_modules/.bin/lodash",
      "node_modules/@scope/tool/package.json",
      "node_modules/lodash/package.json",
    ]);
    expect(entries["node_modules/.bin/lodash"]).toEqual(
      entries["node_modules/lodash/package.json"],
    );
  });

  it("uploads a node_modules.zip as it is, preferred to the folder, and the zip's entries are what the server keeps", async () => {
    writePackage("ignored-folder-package", "9.9.9");
    const zip = zipSync({
      "node_modules/left-pad/package.json": strToU8('{"name":"left-pad","version":"1.3.0"}'),
    });
    writeFileSync(join(dir, "functions/node_modules.zip"), zip);

    const result = await pushApp(world.admin, {
      ...world.ids,
      dir,
      includeDependencies: "node-modules",
    });

    expect(result.dependencies?.path).toBe("functions/node_modules.zip");
    expect(result.diff.dependencies?.added).toEqual([{ name: "left-pad", version: "1.3.0" }]);
    expect(result.deployment).toBeUndefined();
    const exported = await world.admin.dependencies.exportDependenciesArchive(world.ids);
    expect(new Uint8Array(await (exported as Blob).arrayBuffer())).toEqual(zip);
  });

  it("uploads functions/package.json; a second push with the same dependencies sends nothing", async () => {
    writeFileSync(
      join(dir, "functions/package.json"),
      JSON.stringify({ dependencies: { axios: "1.6.0" } }),
    );
    const first = await pushApp(world.admin, {
      ...world.ids,
      dir,
      includeDependencies: "package-json",
    });
    expect(first.dependencies?.path).toBe("functions/package.json");
    expect(first.diff.hasChanges).toBe(true);

    world.emu.control.resetCounts();
    const again = await pushApp(world.admin, {
      ...world.ids,
      dir,
      includeDependencies: "package-json",
    });
    expect(again.diff.dependencies).toEqual({ added: [], deleted: [], modified: [] });
    expect(again.diff.hasChanges).toBe(false);
    expect(again.dependencies).toBeUndefined();
    expect(writes()).toEqual([]);
  });

  it("reads the status again while it is `created`, until it ends", async () => {
    writePackage("lodash", "4.17.21");
    world.emu.control.failNext({
      method: "GET",
      path: STATUS,
      status: 200,
      count: 2,
      body: { status: "created", status_message: "processing request" },
    });
    world.emu.control.resetCounts();
    const result = await pushApp(world.admin, {
      ...world.ids,
      dir,
      includeDependencies: "node-modules",
    });
    expect(result.dependencies?.status).toBe("successful");
    const reads = world.emu.control.requests().filter((r) => r.path.endsWith("/status"));
    expect(reads.length).toBe(3);
  });

  it("reports a failed installation with the server's message; the configuration stays deployed", async () => {
    writePackage("lodash", "4.17.21");
    writeFileSync(join(dir, "functions/hello.js"), "exports = () => 3;\n");
    world.emu.control.failNextDependencyInstall(
      "npm ERR! 404 'lodash@4.17.21' is not in this registry",
    );
    const error = await rejectionOf(
      pushApp(world.admin, { ...world.ids, dir, includeDependencies: "node-modules" }),
    );
    expect(error).toBeInstanceOf(PushAppError);
    const cause = (error as PushAppError).cause;
    expect(cause).toBeInstanceOf(DependenciesInstallError);
    expect((error as Error).message).toContain("while installing the dependencies");
    expect((error as Error).message).toContain(
      "npm ERR! 404 'lodash@4.17.21' is not in this registry",
    );
    expect((error as PushAppError).progress.deploymentId).toEqual(expect.any(String));
  });

  it("stops waiting for the installation when the signal aborts", async () => {
    writePackage("lodash", "4.17.21");
    installingForever();
    const stop = new AbortController();
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: (request) => {
        // The second read: the wait between reads is under way when the abort comes.
        if (request.url.endsWith("/dependencies/status") && seen++ === 1)
          stop.abort(new Error("stopped by the user"));
        return fetch(request);
      },
    });
    let seen = 0;
    const error = await rejectionOf(
      pushApp(admin, {
        ...world.ids,
        dir,
        includeDependencies: "node-modules",
        signal: stop.signal,
      }),
    );
    expect(error).toBeInstanceOf(PushAppError);
    expect((error as Error).message).toContain("while installing the dependencies");
    world.emu.control.clearFaults();
  });

  it("gives up waiting for an installation when timeoutMs runs out, saying it goes on (DependenciesTimeoutError)", async () => {
    writePackage("lodash", "4.17.21");
    installingForever();
    const error = await rejectionOf(
      pushApp(world.admin, {
        ...world.ids,
        dir,
        includeDependencies: "node-modules",
        timeoutMs: 250,
      }),
    );
    world.emu.control.clearFaults();
    expect(error).toBeInstanceOf(PushAppError);
    const cause = (error as PushAppError).cause;
    expect(cause).toBeInstanceOf(DependenciesTimeoutError);
    expect((cause as DependenciesTimeoutError).timeoutMs).toBe(250);
    expect((error as PushAppError).nextStep).toBe(
      "The dependencies are still installing on the server: push again with includeDependencies once they are (nothing is sent when they are in place).",
    );
  });

  it("refuses a missing node_modules or package.json, naming the path, before any request", async () => {
    world.emu.control.resetCounts();
    for (const [source, path] of [
      ["node-modules", "functions/node_modules"],
      ["package-json", "functions/package.json"],
    ] as const) {
      const error = await rejectionOf(
        pushApp(world.admin, { ...world.ids, dir, includeDependencies: source }),
      );
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as ConfigValidationError).issues[0]!.file).toBe(path);
      expect((error as Error).message).toContain(path);
    }
    expect(world.emu.control.requests()).toEqual([]);
  });

  it("a dry run shows the dependencies' diff and uploads nothing", async () => {
    writePackage("lodash", "4.17.21");
    world.emu.control.resetCounts();
    const result = await pushApp(world.admin, {
      ...world.ids,
      dir,
      dryRun: true,
      includeDependencies: "node-modules",
    });
    expect(result.diff.dependencies?.added).toEqual([{ name: "lodash", version: "4.17.21" }]);
    expect(result.diff.hasChanges).toBe(true);
    expect(result.dependencies).toBeUndefined();
    expect(writes()).toEqual([]);
  });
});

describe("diffApp includeDependencies", () => {
  it("asks the server's dependencies diff and prints it", async () => {
    writeFileSync(
      join(dir, "functions/package.json"),
      JSON.stringify({ dependencies: { axios: "1.6.0", debug: "4.3.1" } }),
    );
    await pushApp(world.admin, { ...world.ids, dir, includeDependencies: "package-json" });
    writeFileSync(
      join(dir, "functions/package.json"),
      JSON.stringify({ dependencies: { axios: "1.7.0", twilio: "3.35.1" } }),
    );
    const diff = await diffApp(world.admin, {
      ...world.ids,
      dir,
      includeDependencies: "package-json",
    });
    expect(diff.dependencies).toEqual({
      added: [{ name: "twilio", version: "3.35.1" }],
      deleted: [{ name: "debug", version: "4.3.1" }],
      modified: [{ name: "axios", version: "1.7.0", previous_version: "1.6.0" }],
    });
    expect(diff.configChanged).toBe(false);
    expect(diff.hasChanges).toBe(true);
    const text = formatAppDiff(diff);
    expect(text).toContain("+ dependency twilio@3.35.1");
    expect(text).toContain("~ dependency axios@1.7.0 (was 1.6.0)");
    expect(text).toContain("- dependency debug@4.3.1");
    expect(readFileSync(join(dir, "functions/package.json"), "utf8")).toContain("twilio");
  });
});

describe("pullApp includeDependencies", () => {
  it("leaves the functions/node_modules folder alone: it writes only package.json or the archive", async () => {
    writeFileSync(
      join(dir, "functions/package.json"),
      JSON.stringify({ dependencies: { axios: "1.6.0" } }),
    );
    await pushApp(world.admin, { ...world.ids, dir, includeDependencies: "package-json" });
    // A local install, as `push --include-node-modules` zips it.
    writePackage("axios", "1.6.0");
    const installed = join(dir, "functions/node_modules/axios/package.json");
    for (const includeDependencies of [true, "node-modules"] as const) {
      const result = await pullApp(world.admin, { ...world.ids, dir, includeDependencies });
      expect(result.deleted).not.toContain("functions/node_modules/axios/package.json");
      expect(readFileSync(installed, "utf8")).toContain("1.6.0");
    }
  });

  it("with node-modules writes the archive and keeps the package.json the app still has", async () => {
    const manifest = JSON.stringify({ dependencies: { axios: "1.6.0" } });
    writeFileSync(join(dir, "functions/package.json"), manifest);
    await pushApp(world.admin, { ...world.ids, dir, includeDependencies: "package-json" });
    const result = await pullApp(world.admin, {
      ...world.ids,
      dir,
      includeDependencies: "node-modules",
    });
    expect(result.written).toContain("functions/node_modules.zip");
    expect(result.deleted).toEqual([]);
    expect(readFileSync(join(dir, "functions/package.json"), "utf8")).toBe(manifest);
  });

  it("with node-modules refuses an answer that is not an archive, writing nothing over package.json", async () => {
    const manifest = JSON.stringify({ dependencies: { axios: "1.6.0" } });
    writeFileSync(join(dir, "functions/package.json"), manifest);
    await pushApp(world.admin, { ...world.ids, dir, includeDependencies: "package-json" });
    // A server (or a proxy) naming the archive's answer package.json.
    const admin = createAdminClient({
      baseUrl: world.emu.url,
      credentials: world.emu.credentials,
      fetch: async (request) => {
        const response = await fetch(request);
        if (!new URL(request.url).pathname.endsWith("/dependencies/archive")) return response;
        const headers = new Headers(response.headers);
        headers.set("content-disposition", 'attachment; filename="package.json"');
        return new Response(await response.arrayBuffer(), { status: response.status, headers });
      },
    });
    const error = await rejectionOf(
      pullApp(admin, { ...world.ids, dir, includeDependencies: "node-modules" }),
    );
    expect((error as Error).message).toContain('"package.json", not a node_modules archive');
    expect(readFileSync(join(dir, "functions/package.json"), "utf8")).toBe(manifest);
  });
});
