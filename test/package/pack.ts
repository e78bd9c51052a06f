import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../spec/source.js";

const execFileAsync = promisify(execFile);

/** What `npm pack --json` reports about the tarball. */
export interface PackInfo {
  filename: string;
  /** Bytes of the .tgz. */
  size: number;
  /** Bytes of its files, unpacked. */
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
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
 * `npm pack` of the repository as a release would run it (the prepack script builds dist/), into
 * a fresh temporary folder.
 */
export async function pack(): Promise<{ tarball: string; info: PackInfo }> {
  const dir = mkdtempSync(join(tmpdir(), "appservices-admin-pack-"));
  const result = await run("npm", ["pack", "--json", "--pack-destination", dir], {
    cwd: projectRoot,
  });
  if (result.code !== 0) throw new Error(`npm pack failed (${result.code}):\n${result.stderr}`);
  // Lifecycle output goes to stderr; stdout is the JSON report.
  const [info] = JSON.parse(result.stdout) as PackInfo[];
  return { tarball: join(dir, info!.filename), info: info! };
}

/**
 * An empty ESM project with the tarball installed, plus the repository's exact @types/node (so
 * both come from the npm cache when it has them: `--prefer-offline`).
 */
export async function installInto(tarball: string): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), "appservices-admin-consumer-"));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),
  );
  const typesNode = (
    JSON.parse(
      readFileSync(join(projectRoot, "node_modules", "@types", "node", "package.json"), "utf8"),
    ) as {
      version: string;
    }
  ).version;
  const result = await run(
    "npm",
    ["install", tarball, `@types/node@${typesNode}`, "--prefer-offline", "--no-audit", "--no-fund"],
    { cwd: project },
  );
  if (result.code !== 0) throw new Error(`npm install failed (${result.code}):\n${result.stderr}`);
  return project;
}
