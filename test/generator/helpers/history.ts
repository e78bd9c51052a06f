import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { generate } from "../../../generator/generate.js";
import { startHelperThread } from "../../../generator/helper-thread.js";
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
  const helper = startHelperThread();
  try {
    for (const file of files) {
      const outcome: VersionOutcome = { file, typeErrors: [] };
      try {
        await generate({
          specFile: file,
          outDir: join(temp, basename(file).slice(0, 3)),
          helper,
        });
      } catch (error) {
        outcome.generateError = error instanceof Error ? error.message : String(error);
      }
      outcomes.set(basename(file).slice(0, 3), outcome);
    }
    writeFileSync(
      join(temp, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        include: ["*/**/*.ts"],
        exclude: [],
        compilerOptions: { noEmit: true },
      }),
    );
    const tsc = join(projectRoot, "node_modules", "tsc7", "bin", "tsc");
    const { stdout } = await run(
      process.execPath,
      [tsc, "-p", join(temp, "tsconfig.json"), "--pretty", "false"],
      {
        cwd: temp,
        maxBuffer: 1 << 28,
      },
    ).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }));
    for (const line of stdout.split("\n").filter(Boolean)) {
      const version = /^(\d{3})[\\/]/.exec(line)?.[1];
      const outcome = version ? outcomes.get(version) : undefined;
      if (outcome) outcome.typeErrors.push(line);
      else if (!line.startsWith(" "))
        throw new Error(`type check failed outside any version: ${line}`);
    }
    return outcomes;
  } finally {
    await helper.dispose();
    rmSync(temp, { recursive: true, force: true });
  }
}
