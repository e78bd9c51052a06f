// The functions' npm dependencies, as the official CLI pushes and diffs them (10gen/realm-cli
// internal/local/dependencies.go, internal/local/archive.go, internal/cloud/realm/dependencies.go):
// one file sent as the multipart part `file` of `PUT …/dependencies` (install) or
// `POST …/dependencies/diff`, then `GET …/dependencies/status` read until it leaves `created`.
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { AdminCaller } from "../client/create-admin-core.js";
import { systemClock, type Clock } from "../core/clock.js";
import { AdminError } from "../core/errors.js";
import {
  DiffDependencies,
  GetDependenciesStatus,
  ImportDependencies,
} from "../../generated/operations/dependencies.js";
import { planPolling } from "../deploy/polling.js";
import { ConfigValidationError } from "./errors.js";
import type { AppTarget } from "./import-call.js";
import { MAX_ZIP_ENTRIES, zipFiles } from "./zip-writer.js";

/**
 * Which dependencies a push or diff sends, both from the folder's `functions/`:
 * - `"node-modules"`: an archive `node_modules.zip`, `.tar`, `.tar.gz` or `.tgz` as it is (in that
 *   order of preference, as the official CLI), else the `node_modules` folder, zipped; the server
 *   takes the packages as they are. The official CLI's `--include-node-modules` and `-d`.
 * - `"package-json"`: `package.json`; the server installs what it lists. `--include-package-json`.
 */
export type DependencySource = "node-modules" | "package-json";

/** One package, as the server's dependencies diff names it. */
export interface DependencyVersion {
  name: string;
  version: string;
}

/** The server's diff of the uploaded dependencies against the installed ones. */
export interface DependenciesDiff {
  added: DependencyVersion[];
  deleted: DependencyVersion[];
  modified: (DependencyVersion & { previous_version: string })[];
}

/** The file a push or diff sends: where it comes from, and its name and bytes as uploaded. */
export interface DependenciesUpload {
  source: DependencySource;
  /** What was read, relative to the app folder (`functions/node_modules`, `functions/package.json`…). */
  path: string;
  /** The upload's file name (`node_modules.zip` for a zipped folder). */
  fileName: string;
  bytes: Uint8Array;
}

/** What a push did with the dependencies. */
export interface DependenciesInstall {
  source: DependencySource;
  /** What was uploaded, relative to the app folder. */
  path: string;
  /** The server's last status: always `successful` here (a failure throws). */
  status: string;
  /** The server's `status_message` (often empty). */
  message: string;
}

const ARCHIVES = [".zip", ".tar", ".tar.gz", ".tgz"];

/**
 * Finds what `source` sends in `dir/functions`, without reading it: a missing folder or file is
 * a `ConfigValidationError` naming the path, thrown before anything is sent.
 */
export async function locateDependencies(
  dir: string,
  source: DependencySource,
): Promise<{ path: string; folder: boolean }> {
  if (source !== "node-modules" && source !== "package-json") {
    throw new TypeError(
      `includeDependencies must be "node-modules" or "package-json", got ${JSON.stringify(source)}`,
    );
  }
  const missing = (file: string, message: string) => folderIssue(dir, file, message);
  let names: string[];
  try {
    names = await readdir(join(dir, "functions"));
  } catch {
    throw missing("functions", `no functions folder, so no dependencies to send (${source})`);
  }
  if (source === "package-json") {
    const found = names.includes("package.json") && (await isFile(dir, "functions/package.json"));
    if (!found) throw missing("functions/package.json", "no such file (package-json dependencies)");
    return { path: "functions/package.json", folder: false };
  }
  for (const ext of ARCHIVES) {
    const name = `node_modules${ext}`;
    if (names.includes(name) && (await isFile(dir, `functions/${name}`)))
      return { path: `functions/${name}`, folder: false };
  }
  if (names.includes("node_modules")) return { path: "functions/node_modules", folder: true };
  throw missing(
    "functions/node_modules",
    `no node_modules folder and no node_modules archive (${ARCHIVES.join(", ")}) (node-modules dependencies)`,
  );
}

/** What the app folder `dir` holds at `file` (relative) is not what the dependencies need. */
function folderIssue(dir: string, file: string, message: string): ConfigValidationError {
  return new ConfigValidationError(dir, [
    { file, line: undefined, column: undefined, pointer: "", message },
  ]);
}

async function isFile(dir: string, path: string): Promise<boolean> {
  // A dangling link is as good as missing: the error then names the path.
  return stat(join(dir, path)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Reads what `locateDependencies` found: an archive or package.json as it is, a `node_modules`
 * folder zipped with its entries relative to `functions/` (`node_modules/…`, files only), as
 * the official CLI's PrepareUpload does.
 */
export async function readDependencies(
  dir: string,
  source: DependencySource,
  found: { path: string; folder: boolean },
): Promise<DependenciesUpload> {
  const fileName = found.folder ? "node_modules.zip" : found.path.slice("functions/".length);
  const bytes = found.folder
    ? await zipFolder(dir, join(dir, found.path))
    : new Uint8Array(await readFile(join(dir, found.path)));
  return { source, path: found.path, fileName, bytes };
}

/**
 * The folder zipped, its entries relative to `dir/functions`. What the zip cannot hold (links
 * but to files inside, more files than a zip holds) is the folder's problem, a
 * `ConfigValidationError` naming the path, thrown before any file is read.
 */
async function zipFolder(dir: string, folder: string): Promise<Uint8Array> {
  const refuse = (path: string, message: string) =>
    folderIssue(
      dir,
      relative(dir, path).split(sep).join("/"),
      `${message}; zip the folder yourself as functions/node_modules.zip`,
    );
  const files: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isSymbolicLink()) {
        const refused = await linkRefusal(path, inside);
        if (refused)
          throw refuse(path, `a symbolic link to ${refused}, which the zip does not hold`);
      }
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(path);
    }
  };
  if (!(await lstat(folder)).isDirectory()) throw refuse(folder, "not a folder");
  const inside = (await realpath(folder)) + sep;
  await walk(folder);
  if (files.length > MAX_ZIP_ENTRIES) {
    throw refuse(folder, `${files.length} files, more than a zip holds (${MAX_ZIP_ENTRIES})`);
  }
  const base = join(dir, "functions");
  const entries: [string, Uint8Array][] = [];
  for (const path of files)
    entries.push([relative(base, path).split(sep).join("/"), await readFile(path)]);
  return zipFiles(entries);
}

/**
 * Why a link in node_modules is not zipped, if it is not. npm's .bin links point at files inside
 * node_modules: their content goes in. A link to a folder could loop, and the server would get a
 * copy it never had; one out of node_modules would send a file the user never meant to
 * (~/.npmrc); one to a device or a pipe would be read without end (/dev/zero) or wait forever.
 */
async function linkRefusal(path: string, inside: string): Promise<string | undefined> {
  const [info, real] = await Promise.all([stat(path), realpath(path)]);
  if (info.isDirectory()) return "a folder";
  if (!info.isFile()) return "a device, a pipe or a socket";
  if (!real.startsWith(inside)) return `${real}, outside functions/node_modules`;
  return undefined;
}

function form(upload: DependenciesUpload): FormData {
  const body = new FormData();
  body.append("file", new Blob([upload.bytes as Uint8Array<ArrayBuffer>]), upload.fileName);
  return body;
}

/** `POST …/dependencies/diff`: what installing `upload` would add, remove and change. */
export async function diffDependencies(
  client: AdminCaller,
  { groupId, appId, signal }: AppTarget,
  upload: DependenciesUpload,
): Promise<DependenciesDiff> {
  const diff = (await client.call(
    DiffDependencies,
    { groupId, appId, body: form(upload) as never },
    { signal },
  )) as Partial<DependenciesDiff> | undefined;
  return {
    added: diff?.added ?? [],
    deleted: diff?.deleted ?? [],
    modified: diff?.modified ?? [],
  };
}

/** Whether a dependencies diff changes anything. */
export function changesDependencies(diff: DependenciesDiff | undefined): boolean {
  return !!diff && diff.added.length + diff.deleted.length + diff.modified.length > 0;
}

/** The server could not install the dependencies (`status: failed`); the message is its own. */
export class DependenciesInstallError extends AdminError {
  static override readonly name: string = "DependenciesInstallError";
  readonly statusMessage: string;

  constructor(statusMessage: string) {
    super(`the server failed to install the dependencies: ${statusMessage || "(no message)"}`);
    this.statusMessage = statusMessage;
  }
}

/**
 * The push's `timeoutMs` ran out while the server was still installing the dependencies; the
 * installation goes on there.
 */
export class DependenciesTimeoutError extends AdminError {
  static override readonly name: string = "DependenciesTimeoutError";
  readonly timeoutMs: number;

  constructor(timeoutMs: number, statusMessage: string) {
    super(
      `the dependencies were still installing after ${timeoutMs} ms (${statusMessage || "created"}); the server goes on installing them`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/**
 * `PUT …/dependencies`, then `GET …/dependencies/status` until it is no longer `created`: the
 * first read at once (a small install is done by then), later ones 100 ms apart doubling to 2 s,
 * for at most `timeoutMs` (0: no limit, else `DependenciesTimeoutError`). `failed` throws
 * `DependenciesInstallError`.
 */
export async function installDependencies(
  client: AdminCaller,
  target: AppTarget,
  upload: DependenciesUpload,
  options: { timeoutMs?: number | undefined; clock?: Clock | undefined } = {},
): Promise<DependenciesInstall> {
  const { groupId, appId, signal } = target;
  const { delays, limitMs } = planPolling({ timeoutMs: options.timeoutMs });
  const clock = options.clock ?? systemClock;
  await client.call(
    ImportDependencies,
    { groupId, appId, body: form(upload) as never },
    { signal },
  );
  const deadline = clock.now() + limitMs;
  for (;;) {
    const read = await client.call(GetDependenciesStatus, { groupId, appId }, { signal });
    const status = typeof read?.status === "string" ? read.status : "";
    const message = typeof read?.status_message === "string" ? read.status_message : "";
    if (status === "failed") throw new DependenciesInstallError(message);
    if (status !== "created") return { source: upload.source, path: upload.path, status, message };
    const remaining = deadline - clock.now();
    if (remaining <= 0) throw new DependenciesTimeoutError(limitMs, message);
    await clock.sleep(Math.min(delays.next().value, remaining), signal);
  }
}
