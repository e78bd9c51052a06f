import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../spec/source.js";
import { cpuBudget } from "../helpers/work-budget.js";
import { scratchDir } from "../setup/scratch.js";

const execFileAsync = promisify(execFile);

/** One tarball of `npm run pack`. */
export interface PackedPackage {
  name: string;
  /** Absolute path of the .tgz. */
  file: string;
}

/** Result of one command: its exit code and both streams, for assertions and failure messages. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * CPU seconds (user + system, children included) of the package tier's commands, measured with
 * `/usr/bin/time` on the 2-core machine and rounded up; a command's budget is `cpuBudget` of its
 * cost, so it grows with the load instead of a fixed wall time that a busy machine overruns (the
 * TypeScript 5.9 checks took 29 s of a fixed 30 s at a load of 8).
 */
export const COMMAND_CPU_SECONDS = {
  /** `npm run pack` (builds every package): 14.4. */
  pack: 15,
  /** `npm install` of the tarballs (1.1-3.5) or of bun and deno (6.5). */
  install: 7,
  /** TypeScript 5.9 over a consumer project: 10.6-12.1 (every package), 6.0-6.8 (the SDK only). */
  tsc5: 13,
  /** TypeScript 7 over a consumer project, with or without emitting: 1.6-2.3. */
  tsc7: 3,
  /** publint (0.2-0.3) and attw (2.1-4.2) over one tarball. */
  lint: 5,
} as const;

/**
 * Runs a command to completion without throwing on a non-zero exit; it is killed after
 * `cpuBudget(cpuSeconds)` (default: the costliest command here, `npm run pack`).
 */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; cpuSeconds?: number },
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: cpuBudget(options.cpuSeconds ?? COMMAND_CPU_SECONDS.pack),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/**
 * `npm run pack` as a release would run it (it builds every package first), into a fresh
 * temporary folder that lasts until the test file ends: the tarballs by package name.
 */
export async function packAll(): Promise<Map<string, string>> {
  const dir = scratchDir("appservices-admin-pack-");
  const result = await run("npm", ["run", "--silent", "pack", "--", "--out", dir], {
    cwd: projectRoot,
  });
  if (result.code !== 0) throw new Error(`npm run pack failed (${result.code}):\n${result.stderr}`);
  // Build output goes to stderr; stdout is the one JSON line.
  const { packages } = JSON.parse(result.stdout) as { packages: PackedPackage[] };
  return new Map(packages.map(({ name, file }) => [name, file]));
}

/**
 * An empty ESM project with the given packages (tarball paths or npm specs) installed, plus, when
 * asked, the repository's exact @types/node (from the npm cache when it has them:
 * `--prefer-offline`). It lasts until the test file ends.
 */
export async function installInto(
  specs: readonly string[],
  options: { typesNode: boolean },
): Promise<string> {
  const project = scratchDir("appservices-admin-consumer-");
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),
  );
  const extra = options.typesNode ? [`@types/node@${typesNodeVersion()}`] : [];
  const result = await run(
    "npm",
    ["install", ...specs, ...extra, "--prefer-offline", "--no-audit", "--no-fund"],
    { cwd: project },
  );
  if (result.code !== 0) throw new Error(`npm install failed (${result.code}):\n${result.stderr}`);
  return project;
}

/** The entries of a tarball, without npm's `package/` prefix. */
export async function tarballEntries(tarball: string): Promise<string[]> {
  const result = await run("tar", ["-tzf", tarball], { cwd: tmpdir() });
  if (result.code !== 0) throw new Error(`tar -tzf failed:\n${result.stderr}`);
  return result.stdout
    .trim()
    .split("\n")
    .map((line) => line.replace(/^package\//, ""));
}

function typesNodeVersion(): string {
  const path = join(projectRoot, "node_modules", "@types", "node", "package.json");
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}
