import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { generate } from "../../../generator/generate.js";
import { historyVersions as versions } from "../../../spec/history.js";
import { projectRoot } from "../../../spec/source.js";

/** The historical spec files (absolute paths), oldest first. */
export function historyVersions(): string[] {
  return versions().map((v) => v.path);
}

/** What happened to one version: the generator's error, or the type errors in its output. */
export interface VersionOutcome {
  file: string;
  generateError?: string;
  typeErrors: string[];
}

const run = promisify(execFile);

/**
 * Generates every given version with `--out` semantics into its own folder under one temporary
 * directory (inside the project, so the output resolves `openapi-fetch` from node_modules), then
 * type-checks all of them in a single TypeScript 7 run under the project's strict settings and
 * files each error under its version. The directory is removed afterwards.
 */
export async function generateAndTypeCheck(
  files: readonly string[],
): Promise<Map<string, VersionOutcome>> {
  const root = join(projectRoot, ".cache");
  mkdirSync(root, { recursive: true });
  const temp = mkdtempSync(join(root, "history-"));
  const outcomes = new Map<string, VersionOutcome>();
  try {
    for (const file of files) {
      const outcome: VersionOutcome = { file, typeErrors: [] };
      try {
        await generate({
          specFile: file,
          outDir: join(temp, basename(file).slice(0, 3)),
        });
      } catch (error) {
        outcome.generateError = error instanceof Error ? error.message : String(error);
      }
      outcomes.set(basename(file).slice(0, 3), outcome);
    }
    for (const [version, errors] of await typeCheckOutputs(temp))
      outcomes.get(version)!.typeErrors.push(...errors);
    return outcomes;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Type-checks every output folder directly under `root` (a folder of `.cache/`, so the outputs
 * resolve `openapi-fetch` from node_modules) in a single TypeScript 7 run under the project's
 * strict settings. Returns the error lines by folder name; an error outside them throws.
 */
export async function typeCheckOutputs(root: string): Promise<Map<string, string[]>> {
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      extends: "../../tsconfig.json",
      include: ["*/**/*.ts"],
      exclude: [],
      compilerOptions: { noEmit: true },
    }),
  );
  const tsc = join(projectRoot, "node_modules", "tsc7", "bin", "tsc");
  const args = [tsc, "-p", join(root, "tsconfig.json"), "--pretty", "false"];
  const { stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 1 << 28 }).catch(
    (error: { stdout?: string; stderr?: string }) => ({
      stdout: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }),
  );
  const errors = new Map<string, string[]>();
  let last: string[] | undefined;
  for (const line of stdout.split("\n").filter(Boolean)) {
    // Continuation lines of a message are indented and belong to the error above.
    if (line.startsWith(" ") && last) last.push(line);
    else {
      const folder = /^([^\\/]+)[\\/]/.exec(line)?.[1];
      if (!folder) throw new Error(`type check failed outside any output: ${line}`);
      last = errors.get(folder) ?? [];
      errors.set(folder, last);
      last.push(line);
    }
  }
  return errors;
}
