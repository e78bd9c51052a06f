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
  return path === "functions/package.json" || /^functions\/node_modules(?:\/|\.)/.test(path);
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

/** A backslash, a control character or a colon (a drive letter or stream name on Windows). */
const BAD_CHARACTER = /[\\\u0000-\u001f:]/;

/** An empty, `.` or `..` segment: at the start, between two slashes, or at the end. */
const EMPTY_OR_DOTS_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;

/**
 * Checks that a resource name can be used as a file name (several `/`-separated segments when
 * `nested`, as function names may be): no empty, `.` or `..` segment, no backslash, control
 * character or drive letter. A server-given name must never write outside the folder.
 */
export function checkFileName(name: unknown, what: string, nested = false): string {
  // Whole-name tests, not a split and a test per segment: a pull checks every hosted file's path
  // between the listing's answer and its first download.
  const bad =
    typeof name !== "string" ||
    BAD_CHARACTER.test(name) ||
    EMPTY_OR_DOTS_SEGMENT.test(name) ||
    (nested
      ? name.length > 255 && name.split("/").some((s) => s.length > 255)
      : name.length > 255 || name.includes("/"));
  if (bad) {
    throw new TypeError(`${what} has no name usable as a file name: ${JSON.stringify(name)}`);
  }
  return name;
}

/** Whether a pull owns `path` (relative, `/`-separated): it may overwrite or delete it. */
export function isPulledPath(
  path: string,
  options: { includeHosting: boolean; includeDependencies: boolean },
): boolean {
  if (path === ROOT_CONFIG || path === APP_META) return true;
  const top = path.slice(0, path.indexOf("/"));
  if (!(MANAGED_DIRS as readonly string[]).includes(top)) return false;
  if (isDependencyPath(path)) return options.includeDependencies;
  if (under(path, HOSTING_FILES_DIR) || path === HOSTING_METADATA) return options.includeHosting;
  return path.endsWith(".json") || path.endsWith(".js");
}

/** Whether `path` is `dir` itself or inside it. */
export function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + "/");
}
