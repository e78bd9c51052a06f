import fs, { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pullApp, pushApp, PushAppError } from "../../packages/config/index.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;

const SITE = Array.from({ length: 30 }, (_, i) => `/page${i}.html`);

beforeEach(async () => {
  world = await startWorld();
  const { admin, ids } = world;
  await admin.functions.createFunction({
    ...ids,
    body: { name: "hello", private: false, source: 'exports = () => "hello";\n' },
  });
  for (const path of SITE) {
    await uploadAsset(admin, { ...ids, path, file: new TextEncoder().encode(`<p>${path}</p>\n`) });
  }
  dir = join(tempDir(), "app");
  await pullApp(admin, { ...ids, dir, includeHosting: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  return world.emu.stop();
});

/** Counts the files opened below `hosting/files/` (every read of a hosted file starts there). */
function countHostedOpens(): Map<string, number> {
  const root = realpathSync(join(dir, "hosting/files"));
  const opened = new Map<string, number>();
  const open = fs.open;
  vi.spyOn(fs, "open").mockImplementation(((path: fs.PathLike, ...rest: unknown[]) => {
    const file = String(path);
    if (file.startsWith(root)) {
      const asset = file.slice(root.length);
      opened.set(asset, (opened.get(asset) ?? 0) + 1);
    }
    return (open as (...args: unknown[]) => void)(path, ...rest);
  }) as typeof fs.open);
  return opened;
}

/** The operations the emulator was asked for, in order. */
const operations = () => world.emu.control.requests().map((r) => r.operation ?? "");

describe("pushApp with includeHosting and a configuration change", () => {
  it("reads each hosted file once and lists the hosted files once, uploading after the deployment", async () => {
    const { admin, ids, emu } = world;
    writeFileSync(join(dir, "functions/hello.js"), 'exports = () => "hello, world";\n');
    writeFileSync(join(dir, "hosting/files/page3.html"), "<p>changed</p>\n");
    writeFileSync(join(dir, "hosting/files/new.html"), "<p>new</p>\n");
    const opened = countHostedOpens();
    emu.control.resetCounts();

    const result = await pushApp(admin, { ...ids, dir, includeHosting: true });

    expect(result.deployment?.status).toBe("successful");
    expect(result.hosting).toMatchObject({ uploaded: ["/new.html", "/page3.html"], failed: [] });
    expect(result.diff.hosting).toEqual({
      upload: ["/new.html", "/page3.html"],
      patch: [],
      delete: [],
    });
    expect(result.diff.hasChanges).toBe(true);
    // Before: a plan read all 31 files, then the sync read them all again.
    expect(Object.fromEntries(opened)).toEqual(
      Object.fromEntries([...SITE, "/new.html"].map((path) => [path, 1])),
    );
    const log = operations();
    expect(log.filter((op) => op === "adminGetAllHostedAssets")).toHaveLength(1);
    const uploads = log.flatMap((op, i) => (op === "adminUploadHostedAsset" ? [i] : []));
    expect(uploads).toHaveLength(2);
    const deployed = log.lastIndexOf("adminGetDeployment");
    expect(deployed).toBeGreaterThan(-1);
    expect(Math.min(...uploads)).toBeGreaterThan(deployed);
  });

  it("sends no hosting change when the deployment fails, and a later push sends them", async () => {
    const { admin, ids, emu } = world;
    writeFileSync(join(dir, "functions/hello.js"), 'exports = () => "hello, world";\n');
    writeFileSync(join(dir, "hosting/files/page3.html"), "<p>changed</p>\n");
    emu.control.failNextDeployment("syntax error in function hello");
    emu.control.resetCounts();

    const error = await rejectionOf(pushApp(admin, { ...ids, dir, includeHosting: true }));

    expect(error).toBeInstanceOf(PushAppError);
    expect((error as PushAppError).progress).toMatchObject({
      draftDiscarded: true,
      hostingApplied: [],
    });
    expect(operations()).not.toContain("adminUploadHostedAsset");
    const fresh = join(tempDir(), "fresh");
    await pullApp(admin, { ...ids, dir: fresh, includeHosting: true });
    expect(readFileSync(join(fresh, "hosting/files/page3.html"), "utf8")).toBe(
      "<p>/page3.html</p>\n",
    );

    const retry = await pushApp(admin, { ...ids, dir, includeHosting: true });
    expect(retry.deployment?.status).toBe("successful");
    expect(retry.hosting?.uploaded).toEqual(["/page3.html"]);
  });

  it("fails before anything is applied when the hosted files cannot be listed", async () => {
    const { admin, ids, emu } = world;
    writeFileSync(join(dir, "functions/hello.js"), 'exports = () => "hello, world";\n');
    const deployments = (await admin.deploy.listDeployments(ids)).length;
    emu.control.failNext({
      status: 404,
      count: 5,
      method: "GET",
      path: "/groups/{groupId}/apps/{appId}/hosting/assets",
    });
    emu.control.resetCounts();

    await expect(pushApp(admin, { ...ids, dir, includeHosting: true })).rejects.toThrow();

    expect(operations()).not.toContain("adminCreateDeploymentDraft");
    expect(await admin.deploy.listDeployments(ids)).toHaveLength(deployments);
  });

  it("with nothing changed: no deployment, no hosting result, nothing sent that changes the app", async () => {
    const { admin, ids, emu } = world;
    const opened = countHostedOpens();
    emu.control.resetCounts();

    const result = await pushApp(admin, { ...ids, dir, includeHosting: true });

    expect(result).toMatchObject({ deployment: undefined, hosting: undefined, dryRun: false });
    expect(result.diff.hosting).toEqual({ upload: [], patch: [], delete: [] });
    expect(result.diff.hasChanges).toBe(false);
    expect(Object.fromEntries(opened)).toEqual(Object.fromEntries(SITE.map((path) => [path, 1])));
    // The import's diff (`?diff=true`) is the one POST: it changes nothing.
    const changing = emu.control.requests().filter((r) => r.method !== "GET");
    expect(changing.map((r) => r.operation)).toEqual(["adminImportApplication"]);
    expect(new URLSearchParams(changing[0]!.query).get("diff")).toBe("true");
  });
});
