import type { AppFolder } from "./app-folder.js";
import { HOSTING_METADATA, ROOT_CONFIG } from "./layout.js";
import { canonicalJson as printCanonical } from "./stable-json.js";

/** One resource of an app folder: its content, part by part, as comparable strings. */
export interface Resource {
  /** `function`, `trigger`, `value`, `data source`, `rule`, … (see `KIND_ORDER`). */
  kind: string;
  name: string;
  /** Canonical content by part (the file, or the entry of a list file), with the file it is in. */
  parts: Map<string, { file: string; content: string }>;
}

/** The order kinds are listed in a diff. */
export const KIND_ORDER = [
  "app",
  "environment",
  "value",
  "auth provider",
  "custom user data",
  "function",
  "trigger",
  "data source",
  "rule",
  "endpoint",
  "data api",
  "http service",
  "service",
  "graphql",
  "custom resolver",
  "sync",
  "log forwarder",
  "hosting",
  "file",
] as const;

// Path patterns of one-file resources: kind and the capture that names it.
const SINGLE: readonly [RegExp, string][] = [
  [/^environments\/([^/]+)\.json$/, "environment"],
  [/^values\/([^/]+)\.json$/, "value"],
  [/^triggers\/([^/]+)\.json$/, "trigger"],
  [/^log_forwarders\/([^/]+)\.json$/, "log forwarder"],
  [/^graphql\/custom_resolvers\/([^/]+)\.json$/, "custom resolver"],
  [/^data_sources\/([^/]+)\/(?:config|default_rule)\.json$/, "data source"],
  [/^data_sources\/([^/]+\/[^/]+\/[^/]+)\/[^/]+\.json$/, "rule"],
  [/^http_endpoints\/(data_api)_config\.json$/, "data api"],
  [/^http_endpoints\/([^/]+)\/.+$/, "http service"],
  [/^services\/([^/]+)\/.+$/, "service"],
  [/^graphql\/(config|validation_settings)\.json$/, "graphql"],
  [/^auth\/(custom_user_data)\.json$/, "custom user data"],
  [/^(sync)\/config\.json$/, "sync"],
  [/^(hosting)\/config\.json$/, "hosting"],
];

/**
 * Splits a parsed folder into resources, so that a diff says "function hello changed" rather
 * than "functions/config.json changed". List files are split by entry (functions by name,
 * endpoints by method and route, auth providers by key); a function's entry and its `.js` are one
 * resource. JSON is compared canonically (key order and layout do not count); sources as text.
 * The root config is compared without `app_id` and `config_version`, which say where the folder
 * came from, not what the app is. The JSON files listed in `same` (known to hold the same text on
 * both sides of a diff) are split as usual, but their parts' content is a marker, not printed.
 */
export function collectResources(
  folder: AppFolder,
  same: ReadonlySet<string> = NONE,
): Map<string, Resource> {
  const out = new Map<string, Resource>();
  // A part comes from one file only (its key names the file or the list file it is an entry
  // of), so a marker is only ever compared with the marker of the same file on the other side.
  const canonicalJson = (file: string, value: unknown) =>
    same.has(file) ? SAME_TEXT : printCanonical(value);
  const add = (kind: string, name: string, part: string, file: string, content: string) => {
    const key = `${kind}\u0000${name}`;
    let resource = out.get(key);
    if (!resource) out.set(key, (resource = { kind, name, parts: new Map() }));
    resource.parts.set(part, { file, content });
  };
  for (const [file, value] of folder.json) {
    // Hosting attributes are compared by the hosting sync, with the hosted files.
    if (file === HOSTING_METADATA) continue;
    if (file === ROOT_CONFIG) {
      const { app_id: _a, config_version: _v, ...rest } = (value ?? {}) as Record<string, unknown>;
      add("app", "realm_config", file, file, canonicalJson(file, rest));
    } else if (file === "functions/config.json" && Array.isArray(value)) {
      for (const entry of value)
        add("function", nameOf(entry), "config", file, canonicalJson(file, entry));
    } else if (file === "http_endpoints/config.json" && Array.isArray(value)) {
      for (const e of value as Record<string, unknown>[]) {
        add(
          "endpoint",
          `${String(e?.http_method)} ${String(e?.route)}`,
          "config",
          file,
          canonicalJson(file, e),
        );
      }
    } else if (file === "auth/providers.json" && isRecord(value)) {
      for (const [key, provider] of Object.entries(value)) {
        add("auth provider", key, "config", file, canonicalJson(file, provider));
      }
    } else {
      const [kind, name] = single(file);
      add(kind, name, file, file, canonicalJson(file, value));
    }
  }
  for (const [file, text] of folder.sources) {
    const fn = /^functions\/(.+)\.js$/.exec(file);
    if (fn) add("function", fn[1]!, "source", file, text);
    else {
      const [kind, name] = single(file);
      add(kind, name, file, file, text);
    }
  }
  return out;
}

const NONE: ReadonlySet<string> = new Set();
const SAME_TEXT = "\u0000the same text on both sides";

function single(file: string): [string, string] {
  for (const [pattern, kind] of SINGLE) {
    const m = pattern.exec(file);
    if (m) return [kind, m[1]!];
  }
  return ["file", file];
}

function nameOf(entry: unknown): string {
  return isRecord(entry) && typeof entry.name === "string" ? entry.name : "(unnamed)";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
