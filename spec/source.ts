import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { SpecError } from "./errors.js";

/** The pinned upstream spec, as recorded in `spec/source.json`. */
export interface SpecSource {
  repository: string;
  commit: string;
  path: string;
  url: string;
  sha256: string;
}

/** The repository root (this file lives in `spec/`). */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/** Git-ignored folder holding the verified download and pipeline by-products. */
export const cacheDir = join(projectRoot, ".cache", "spec");

/** Where `spec:fetch` keeps the verified copy of the pinned spec. */
export const pinnedSpecPath = join(cacheDir, "openapi-admin-v3.yaml");

/** Reads `spec/source.json`. */
export function readSource(): SpecSource {
  const file = join(projectRoot, "spec", "source.json");
  return JSON.parse(readFileSync(file, "utf8")) as SpecSource;
}

/** Lowercase hex sha256 of some bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Returns the verified pinned spec text. Never touches the network: when the copy is missing or
 * differs from the pin, it says how to fetch it.
 */
export function readPinnedSpec(): { text: string; file: string; sha256: string } {
  const source = readSource();
  let bytes: Buffer;
  try {
    bytes = readFileSync(pinnedSpecPath);
  } catch {
    throw new SpecError(
      "not-fetched",
      "the pinned spec has not been fetched yet: run `npm run spec:fetch` " +
        "(offline: `npm run spec:fetch -- --from ../shared/spec/openapi-admin-v3.yaml`)",
      { file: pinnedSpecPath },
    );
  }
  const actual = sha256(bytes);
  if (actual !== source.sha256) {
    throw new SpecError(
      "hash-mismatch",
      `cached spec does not match the pin (expected sha256 ${source.sha256}, got ${actual}); ` +
        "run `npm run spec:fetch` again",
      { file: pinnedSpecPath },
    );
  }
  return { text: bytes.toString("utf8"), file: pinnedSpecPath, sha256: actual };
}
