import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import { SpecError } from "./errors.js";
import { loadSpecText } from "./load.js";
import { pinnedSpecPath, readSource, sha256, type SpecSource } from "./source.js";

/** Environment variable naming a file, folder or URL to take the pinned spec from. */
export const MIRROR_ENV = "APPSERVICES_SPEC_MIRROR";

export interface FetchOptions {
  /** A file, a mirror folder or an http(s) URL; default: `$APPSERVICES_SPEC_MIRROR`, else the pin's URL. */
  from?: string;
  /** Fetch again even when a verified copy is present. */
  force?: boolean;
  /** Network timeout for a download, in milliseconds. */
  timeoutMs?: number;
  /** Where the verified copy lives; default {@link pinnedSpecPath} (tests point it elsewhere). */
  dest?: string;
  /** The pin to verify against; default `spec/source.json` (tests pin their own bytes). */
  pin?: SpecSource;
}

export interface FetchResult {
  status: "present" | "fetched";
  file: string;
  source: string;
  sha256: string;
  bytes: number;
}

/**
 * Makes the verified pinned spec available at {@link pinnedSpecPath}. A verified copy already there
 * is used as is (no network). Whatever the source, the bytes must match the pinned sha256 and parse
 * as an OpenAPI document before anything is written.
 */
export async function fetchPinnedSpec(options: FetchOptions = {}): Promise<FetchResult> {
  const pin = options.pin ?? readSource();
  const dest = options.dest ?? pinnedSpecPath;
  if (!options.force && !options.from && existsSync(dest)) {
    const bytes = readFileSync(dest);
    if (sha256(bytes) === pin.sha256) {
      return {
        status: "present",
        file: dest,
        source: dest,
        sha256: pin.sha256,
        bytes: bytes.length,
      };
    }
  }
  const from = options.from ?? process.env[MIRROR_ENV] ?? pin.url;
  const { bytes, source } = /^https?:\/\//.test(from)
    ? await download(from, options.timeoutMs ?? 30_000)
    : readLocal(from, pin);
  const actual = sha256(bytes);
  if (actual !== pin.sha256) {
    throw new SpecError(
      "hash-mismatch",
      `sha256 mismatch: expected ${pin.sha256} (spec/source.json), got ${actual}. ` +
        "These are not the pinned bytes; nothing was written.",
      { file: source },
    );
  }
  loadSpecText(bytes.toString("utf8"), source);
  writeFileAtomic(dest, bytes);
  return { status: "fetched", file: dest, source, sha256: actual, bytes: bytes.length };
}

async function download(
  url: string,
  timeoutMs: number,
): Promise<{ bytes: Buffer; source: string }> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const reason =
      cause instanceof Error
        ? ((cause.cause as Error | undefined)?.message ?? cause.message)
        : String(cause);
    throw new SpecError(
      "fetch-failed",
      `could not download ${url} (${reason}). Offline? Take the spec from a copy instead: ` +
        "`npm run spec:fetch -- --from ../shared/spec/openapi-admin-v3.yaml` " +
        `(or set ${MIRROR_ENV} to a file, folder or URL)`,
      {},
      { cause },
    );
  }
  if (!response.ok) {
    throw new SpecError(
      "fetch-failed",
      `downloading ${url} answered HTTP ${response.status} ${response.statusText}; ` +
        `use \`npm run spec:fetch -- --from <file>\` or ${MIRROR_ENV} to take it from a copy`,
    );
  }
  return { bytes: Buffer.from(await response.arrayBuffer()), source: url };
}

/** A file, or a mirror folder holding `openapi-admin-v3.yaml` or `<commit>/<path>`. */
function readLocal(from: string, pin: SpecSource): { bytes: Buffer; source: string } {
  const path = resolve(from);
  let file = path;
  if (existsSync(path) && statSync(path).isDirectory()) {
    const candidates = [join(path, "openapi-admin-v3.yaml"), join(path, pin.commit, pin.path)];
    const found = candidates.find((c) => existsSync(c));
    if (!found) {
      throw new SpecError(
        "file-missing",
        `the mirror folder has neither ${candidates.map((c) => c.slice(path.length + 1)).join(" nor ")}`,
        { file: path },
      );
    }
    file = found;
  }
  try {
    return { bytes: readFileSync(file), source: file };
  } catch (cause) {
    throw new SpecError("file-missing", "cannot read the spec file", { file }, { cause });
  }
}
