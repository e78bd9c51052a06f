import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { projectRoot } from "../../spec/source.js";

/** A published program's bin, from the project's node_modules. */
export function bin(name: string): string {
  return join(projectRoot, "node_modules", ".bin", name);
}

/** publint over a tarball, strict. */
export function publintArgs(tarball: string): string[] {
  return ["run", tarball, "--strict"];
}

/**
 * attw over a tarball with the ESM-only profile (CommonJS is not shipped), offline (no @types
 * lookup). For the SDK's tarball, each `./operations/<tag>` entry point is named, since attw does
 * not expand patterns.
 */
export function attwArgs(tarball: string, format: "json" | "table-flipped"): string[] {
  const sdk = /(^|\/)appservices-admin-\d[^/]*\.tgz$/.test(tarball);
  const tags = sdk
    ? readdirSync(join(projectRoot, "generated", "operations")).map(
        (file) => `./operations/${file.replace(/\.ts$/, "")}`,
      )
    : [];
  return [
    tarball,
    "--profile",
    "esm-only",
    "--no-definitely-typed",
    "--format",
    format,
    ...(tags.length > 0 ? ["--include-entrypoints", ...tags] : []),
  ];
}

/** Bundles one consumer entry the way the bundle-size target is defined: esbuild, minified ESM for node. */
export async function bundleConsumer(
  entry: string,
  workingDir: string,
): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "warning",
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

/** Bytes of every file under `dir` (an installed node_modules, say), recursively. */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}
