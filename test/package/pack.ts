import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../spec/source.js";

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

/** Runs a command to completion without throwing on a non-zero exit. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 180_000,
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
 * temporary folder: the tarballs by package name.
 */
export async function packAll(): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), "appservices-admin-pack-"));
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
 * `--prefer-offline`).
 */
export async function installInto(
  specs: readonly string[],
  options: { typesNode: boolean },
): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), "appservices-admin-consumer-"));
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
