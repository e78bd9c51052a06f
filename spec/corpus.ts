/**
 * The regression corpus: 147 upstream versions of the spec, listed in `spec/history-manifest.json`
 * by repository, commit, path and sha256 (the spec files themselves are never committed). They are
 * read from the shared folder when there is one (`$APPSERVICES_SHARED_DIR`, else `../shared`
 * beside the checkout), otherwise from `.cache/corpus/`, which `npm run corpus:fetch` fills from
 * the public repositories, checking every sha256.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import { SpecError } from "./errors.js";
import { projectRoot, sha256 } from "./source.js";

/** Environment variable naming the shared folder (its `spec/history/` holds the corpus). */
export const SHARED_ENV = "APPSERVICES_SHARED_DIR";
/** Environment variable overriding where files are downloaded from (a mirror, or tests). */
export const CORPUS_BASE_ENV = "APPSERVICES_CORPUS_BASE_URL";
/** Raw file URLs are `<base>/<repo>/<commit>/<path>`. */
export const DEFAULT_CORPUS_BASE = "https://raw.githubusercontent.com";
/** Where `corpus:fetch` puts the corpus when there is no shared folder. */
export const fetchedCorpusDir = join(projectRoot, ".cache", "corpus");

/** One upstream version, as the manifest lists it. */
export interface CorpusEntry {
  date: string;
  repo: string;
  commit: string;
  /** The spec's path inside the repository at that commit. */
  path: string;
  subject: string;
  sha256: string;
  bytes: number;
  /** Its file name in the corpus folder, `NNN_date_commit.yaml`. */
  file: string;
}

/** The manifest committed in the project, oldest version first. */
export function readManifest(): CorpusEntry[] {
  const file = join(projectRoot, "spec", "history-manifest.json");
  return JSON.parse(readFileSync(file, "utf8")) as CorpusEntry[];
}

/**
 * The folder holding the corpus files: the shared folder's `spec/history` when
 * `$APPSERVICES_SHARED_DIR` is set or `../shared` exists, else {@link fetchedCorpusDir}.
 */
export function corpusDir(): { dir: string; shared: boolean } {
  const env = process.env[SHARED_ENV];
  if (env) return { dir: join(resolve(env), "spec", "history"), shared: true };
  const beside = join(projectRoot, "..", "shared", "spec", "history");
  if (existsSync(beside)) return { dir: resolve(beside), shared: true };
  return { dir: fetchedCorpusDir, shared: false };
}

/** The names of the manifest's files that are missing from `dir` or differ from their sha256. */
export function unverified(entries: readonly CorpusEntry[], dir: string): CorpusEntry[] {
  return entries.filter((entry) => {
    const file = join(dir, entry.file);
    return !existsSync(file) || sha256(readFileSync(file)) !== entry.sha256;
  });
}

export interface FetchCorpusOptions {
  /** Where to write; default {@link fetchedCorpusDir}. */
  dir?: string;
  /** Default `$APPSERVICES_CORPUS_BASE_URL`, else {@link DEFAULT_CORPUS_BASE}. */
  baseUrl?: string;
  /** Per download, in milliseconds; default 60 s. */
  timeoutMs?: number;
  /** Downloads at once; default 8. */
  concurrency?: number;
  entries?: readonly CorpusEntry[];
}

/**
 * Downloads every version of the manifest that `dir` lacks (or holds with other bytes), checks its
 * sha256 and writes it atomically; files already verified are not downloaded again. Throws a
 * SpecError listing every version that could not be had; the ones that could are kept.
 */
export async function fetchCorpus(
  options: FetchCorpusOptions = {},
): Promise<{ dir: string; fetched: number; present: number }> {
  const dir = options.dir ?? fetchedCorpusDir;
  const entries = options.entries ?? readManifest();
  const base = (options.baseUrl ?? process.env[CORPUS_BASE_ENV] ?? DEFAULT_CORPUS_BASE).replace(
    /\/+$/,
    "",
  );
  const queue = unverified(entries, dir);
  const failures: string[] = [];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const url = `${base}/${entry.repo}/${entry.commit}/${entry.path}`;
      const failure = await fetchOne(url, entry, join(dir, entry.file), options.timeoutMs);
      if (failure) failures.push(`${entry.file} from ${url}: ${failure}`);
    }
  };
  const missing = queue.length;
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  if (failures.length > 0) {
    throw new SpecError(
      "fetch-failed",
      `${failures.length} of ${missing} corpus versions could not be fetched:\n  ` +
        `${failures.sort().join("\n  ")}\n(offline? set ${SHARED_ENV} to a folder holding ` +
        `spec/history/, or ${CORPUS_BASE_ENV} to a mirror)`,
      { file: dir },
    );
  }
  return { dir, fetched: missing, present: entries.length - missing };
}

/** Downloads one version; returns why it failed, or undefined once it is written. */
async function fetchOne(
  url: string,
  entry: CorpusEntry,
  file: string,
  timeoutMs = 60_000,
): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return `HTTP ${response.status} ${response.statusText}`.trim();
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    return cause?.message ?? (error as Error).message;
  }
  const actual = sha256(bytes);
  if (actual !== entry.sha256) return `sha256 ${actual}, expected ${entry.sha256}; not written`;
  writeFileAtomic(file, bytes);
  return undefined;
}
