/**
 * The SDK as users run it, for the benchmarks: the built package (packages/sdk/dist), not the
 * sources through tsx. tsx compiles with esbuild's `keepNames`, which adds a property definition
 * to every named function created at run time (measured ~0.3 KB of heap each, ~1.5 KB per file of
 * a first hosting sync), a cost the published build does not have, so timing the sources would
 * charge the SDK for the benchmark's compiler.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../../spec/source.js";

type Root = typeof import("../../packages/index.js");
type Config = typeof import("../../packages/config/index.js");

/** Builds the packages (`npm run build`) unless `build` is false (`--no-build`). */
export function buildSdk(build: boolean): void {
  if (build)
    execFileSync("npm", ["run", "--silent", "build"], { cwd: projectRoot, stdio: "ignore" });
}

const built = (path: string) =>
  import(pathToFileURL(join(projectRoot, "packages/sdk/dist/packages", path)).href);

/** The built package root (`appservices-admin`). */
export const builtRoot = (): Promise<Root> => built("index.js") as Promise<Root>;

/** The built `appservices-admin/config`. */
export const builtConfig = (): Promise<Config> => built("config/index.js") as Promise<Config>;
