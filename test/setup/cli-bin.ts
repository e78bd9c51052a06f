/**
 * Global setup of the fast tier (vitest.config.ts): the CLI compiled once per run, for the few
 * CLI cases that need a real process (signals, a piped stdin, the bin's own entry). Every spawn
 * then starts plain JavaScript instead of compiling the sources again through tsx, which cost
 * about a second a child.
 *
 * esbuild bundles the workspace's own modules (resolved through tsconfig.json's `paths`, as the
 * sources are) and leaves the installed libraries external. The file sits two folders below the
 * project root (`.cache/cli-bin-XXXXXX/main.js`) for two reasons: the libraries resolve from the
 * root's node_modules, and the modules that read `../../generated/operation-schemas.json` next to
 * themselves (config validation, the emulator) find it from there too.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";
import { projectRoot } from "../../spec/source.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The compiled CLI entry (`node <cliBin> <args>` runs `appservices-admin <args>`). */
    cliBin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cache = join(projectRoot, ".cache");
  mkdirSync(cache, { recursive: true });
  // One folder per run: runs side by side (two worktrees' suites, a watch run) never share it.
  const dir = mkdtempSync(join(cache, "cli-bin-"));
  const cliBin = join(dir, "main.js");
  await build({
    entryPoints: [join(projectRoot, "packages", "cli", "main.ts")],
    outfile: cliBin,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  // As npm installs a bin: executable, so that a shell runs it through its `#!/usr/bin/env node`.
  chmodSync(cliBin, 0o755);
  project.provide("cliBin", cliBin);
  return () => rmSync(dir, { recursive: true, force: true });
}
