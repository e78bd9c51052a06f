import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { generate } from "../../../generator/generate.js";
import { projectRoot } from "../../../spec/source.js";

/** The shared folder beside the project (`APPSERVICES_SHARED_DIR` overrides `../shared`). */
export const sharedDir = resolve(projectRoot, process.env.APPSERVICES_SHARED_DIR ?? "../shared");
export const historyDir = join(sharedDir, "spec", "history");

/** The historical spec files, sorted by version number. */
export function historyVersions(): string[] {
  return readdirSync(historyDir)
    .filter((f) => /^\d{3}_.*\.yaml$/.test(f))
    .sort();
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
          specFile: join(historyDir, file),
          outDir: join(temp, file.slice(0, 3)),
        });
      } catch (error) {
        outcome.generateError = error instanceof Error ? error.message : String(error);
      }
      outcomes.set(file.slice(0, 3), outcome);
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
    rmSync(temp, { recursive: true, force: true });
  }
}
