/**
 * Zip archives, from `fflate` (no dependencies; the emulator reads zips with it too). The build
 * bundles this module with the library into the SDK (see scripts/build.ts), so the installed SDK
 * depends on openapi-fetch alone. Only `pushApp`'s `node_modules` upload uses it, as the official
 * CLI zips that folder before sending it.
 */
import { zipSync } from "fflate";

/** A zip (deflate) holding `files`, by `/`-separated path. */
export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}
