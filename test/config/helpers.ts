import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AppInstance, PushPullAppConfig } from "../../generated/models.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import { parseAppFiles, type AppFolder } from "../../packages/config/app-folder.js";
import { MANAGED_DIRS, ROOT_CONFIG } from "../../packages/config/layout.js";
import { renderAppFiles } from "../../packages/config/render-files.js";
import { listFiles } from "../../packages/config/folder-tree.js";
import { pullApp } from "../../packages/config/index.js";
import { startWorld } from "../deploy/helpers.js";
import { scratchDir } from "../setup/scratch.js";

/** A realistic `GET /pull` answer: every part of the layout has something in it. */
export function pulledFixture(): PushPullAppConfig {
  return JSON.parse(
    readFileSync(new URL("./fixtures/pulled-app.json", import.meta.url), "utf8"),
  ) as PushPullAppConfig;
}

export const GROUP_ID = "5b2ec991973129243223a114";
export const APP: AppInstance = {
  _id: "633209ffd3bd3478005d1bac",
  client_app_id: "shop-abcde",
  name: "shop",
  location: "US-VA",
  deployment_model: "GLOBAL",
};

/** The fixture rendered as folder files. */
export function fixtureFiles(config: PushPullAppConfig = pulledFixture()): Map<string, string> {
  return renderAppFiles(config, { groupId: GROUP_ID, app: APP });
}

/** Folder files parsed, failing the test on any parse issue. */
export function parsed(files: ReadonlyMap<string, string>): AppFolder {
  const { folder, issues } = parseAppFiles(files);
  if (issues.length > 0) throw new Error(`unexpected parse issues: ${JSON.stringify(issues)}`);
  return folder;
}

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = "config-"): string {
  return scratchDir(prefix);
}

/** A deep copy whose objects list their keys in reverse order (same JSON, other bytes). */
export function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

/** Every file of a folder's layout, with its text, by path. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const roots = [ROOT_CONFIG, ".mdb", ...MANAGED_DIRS];
  const paths = (await listFiles(dir, roots)).sort();
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(dir, p), "utf8")]));
}

/** Every file below `folder`, the layout's and any other, with its mtime and bytes: nothing touched. */
export async function snapshotWithTimes(folder: string): Promise<Record<string, string>> {
  const paths = (await listFiles(folder, readdirSync(folder))).sort();
  return Object.fromEntries(
    paths.map((p) => {
      const file = join(folder, p);
      return [p, `${statSync(file).mtimeMs} ${readFileSync(file, "base64")}`];
    }),
  );
}

/** An emulator and client whose app has one function, `hello`, pulled into a fresh folder. */
export async function worldWithPulledFunction(client: AdminClientOptions = {}) {
  const world = await startWorld(client);
  await world.admin.functions.createFunction({
    ...world.ids,
    body: { name: "hello", private: false, source: "exports = () => 1;\n" },
  });
  const dir = join(tempDir(), "app");
  await pullApp(world.admin, { ...world.ids, dir });
  return { world, dir };
}
