import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../spec/atomic.js";

/** The spec hash every generated header carries (see emit/header.ts). */
const HEADER_SHA = /from spec sha256 ([0-9a-f]{64})/;
/** Same length as a sha256, so masking it cannot change how prettier wraps anything. */
const MASK = "0".repeat(64);

/**
 * Formats through a content-addressed cache: prettier's output is a pure function of its version,
 * options, parser and input, so a file whose text is unchanged since the last run is not formatted
 * again. The spec hash in the header is masked in the key, so after a spec change only the files
 * whose content changed are re-formatted. A hit is touched, so `pruneFormatCache` can drop what
 * the last run did not use.
 */
export async function formatWithCache(
  dir: string,
  salt: string,
  text: string,
  format: (text: string) => Promise<string>,
): Promise<string> {
  const sha = HEADER_SHA.exec(text)?.[1];
  const masked = sha ? text.replaceAll(sha, MASK) : text;
  const key = createHash("sha256").update(salt).update("\0").update(masked).digest("hex");
  const file = join(dir, key);
  let formatted: string;
  try {
    formatted = readFileSync(file, "utf8");
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    formatted = await format(masked);
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, formatted);
  }
  return sha ? formatted.replaceAll(MASK, sha) : formatted;
}

/** Deletes cache entries not used since `since` (ms epoch), so the cache holds one run's output. */
export function pruneFormatCache(dir: string, since: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = join(dir, name);
    // mtime has coarse resolution on some file systems; a second of slack keeps this run's files.
    if (statSync(file).mtimeMs < since - 1000) rmSync(file, { force: true });
  }
}
