// Names of the official CLI's app folder, config version 20210101 (10gen/realm-cli
// internal/local/data.go and structure_v2.go): what `pullApp` writes and `pushApp` reads.

/** The config version of the folder layout (`config_version` in `realm_config.json`). */
export const CONFIG_VERSION = 20210101;

/** The app's root file: name, location, deployment model, environment. */
export const ROOT_CONFIG = "realm_config.json";

/** Where the official CLI keeps the app's ids; `pullApp` writes it so that CLI finds the app too. */
export const APP_META = ".mdb/app_meta.json";

/** Folder names that hold only what a pull writes: a pull may delete config files in them. */
export const MANAGED_DIRS = [
  "auth",
  "data_sources",
  "environments",
  "functions",
  "graphql",
  "hosting",
  "http_endpoints",
  "log_forwarders",
  "services",
  "sync",
  "triggers",
  "values",
] as const;

/** Hosted files and their attributes, pulled and pushed only with `includeHosting`. */
export const HOSTING_FILES_DIR = "hosting/files";
export const HOSTING_METADATA = "hosting/metadata.json";

/**
 * Function dependencies (`functions/package.json`, a `functions/node_modules` folder or archive),
 * pulled only with `includeDependencies` and never read as function sources.
 */
export function isDependencyPath(path: string): boolean {
  return path === "functions/package.json" || DEPENDENCY.test(path);
}

/**
 * The `node_modules` folder or archive beside the functions. The archive extensions are the ones
 * the official CLI looks for (internal/local/archive.go): a function named `node_modules`
 * (`functions/node_modules.js`) is a function, as there.
 */
const DEPENDENCY = /^functions\/node_modules(?:\/|\.(?:zip|tar|tar\.gz|tgz)$)/;

/**
 * Whether a function name puts its source in a `node_modules` folder, which the official CLI
 * never reads sources from, at any depth below `functions/` (structure_v2.go `parseFunctionsV2`).
 */
export function inNodeModules(functionName: string): boolean {
  return /(?:^|\/)node_modules\//.test(functionName);
}

/**
 * Environment file names (`environments/<name>.json`) by the environment key of the API's
 * `environments.values` (`none` is the app without an environment tag).
 */
export const ENVIRONMENT_FILES: Readonly<Record<string, string>> = {
  none: "no-environment",
  development: "development",
  testing: "testing",
  qa: "qa",
  production: "production",
};

/**
 * A control character; on Windows also a backslash (a separator there: `..\\x` would climb out) or
 * a colon (a drive letter or a stream name). Elsewhere both are plain characters of a name, which
 * the official CLI writes and reads as they are, and which a push sends from a folder there.
 */
const BAD_CHARACTER = process.platform === "win32" ? /[\\\u0000-\u001f:]/ : /[\u0000-\u001f]/;

/** An empty, `.` or `..` segment: at the start, between two slashes, or at the end. */
const EMPTY_OR_DOTS_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;

/** Bytes most file systems allow in one name, as UTF-8 (ext4, APFS; NTFS: 255 UTF-16 units). */
const MAX_NAME_BYTES = 255;

/**
 * Checks that a resource name can be used as a file name (several `/`-separated segments when
 * `nested`, as function names may be): no empty, `.` or `..` segment, no control character (and
 * on Windows no backslash or colon), at most 255 bytes of UTF-8 per segment. A server-given name
 * must never write outside the folder.
 */
export function checkFileName(name: unknown, what: string, nested = false): string {
  // Whole-name tests, not a split and a test per segment: a pull checks every hosted file's path
  // between the listing's answer and its first download. A UTF-16 unit is at most 3 bytes of
  // UTF-8, so a name of up to 85 units needs no byte count.
  const bad =
    typeof name !== "string" ||
    BAD_CHARACTER.test(name) ||
    EMPTY_OR_DOTS_SEGMENT.test(name) ||
    (!nested && name.includes("/"));
  if (bad) {
    throw new TypeError(`${what} has no name usable as a file name: ${JSON.stringify(name)}`);
  }
  if (name.length > MAX_NAME_BYTES / 3 && tooLong(name, nested)) {
    throw new TypeError(
      `${what} has a name longer than file systems allow (${MAX_NAME_BYTES} bytes of UTF-8${nested ? " per segment" : ""}): ${JSON.stringify(name)}`,
    );
  }
  return name;
}

function tooLong(name: string, nested: boolean): boolean {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return false;
  return !nested || name.split("/").some((s) => Buffer.byteLength(s) > MAX_NAME_BYTES);
}

/** Whether a pull owns `path` (relative, `/`-separated): it may overwrite or delete it. */
export function isPulledPath(
  path: string,
  options: {
    includeHosting: boolean;
    includeDependencies: boolean | "package-json" | "node-modules";
  },
): boolean {
  if (path === ROOT_CONFIG || path === APP_META) return true;
  const top = path.slice(0, path.indexOf("/"));
  if (!(MANAGED_DIRS as readonly string[]).includes(top)) return false;
  // A node_modules folder holds no function (see `inNodeModules`), and a pull writes none (the
  // server gives package.json or an archive): a user's install, never deleted.
  if (top === "functions" && inNodeModules(path.slice(10))) return false;
  if (isDependencyPath(path)) {
    // The archive alone is asked for: the package.json the app may keep too is not the pull's.
    const deps = options.includeDependencies;
    return path === "functions/package.json" ? deps === true || deps === "package-json" : !!deps;
  }
  if (under(path, HOSTING_FILES_DIR) || path === HOSTING_METADATA) return options.includeHosting;
  return path.endsWith(".json") || path.endsWith(".js");
}

/**
 * Whether a folder (relative, `/`-separated) may hold a path `isPulledPath` owns: a pull need not
 * look inside one that cannot (a `node_modules` below `functions/`, `hosting/files` when hosting
 * is not pulled), which can hold far more files than the configuration.
 */
export function mayHoldPulled(folder: string, includeHosting: boolean): boolean {
  if (folder.startsWith("functions/") && inNodeModules(`${folder.slice(10)}/`)) return false;
  return includeHosting || !under(folder, HOSTING_FILES_DIR);
}

/** Whether `path` is `dir` itself or inside it. */
export function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + "/");
}
