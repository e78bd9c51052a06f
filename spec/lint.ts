import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { SpecError } from "./errors.js";
import { projectRoot } from "./source.js";

/** One problem redocly reported, reduced to what we print and test. */
export interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  pointer: string;
  line?: number;
}

export interface LintReport {
  file: string;
  errors: LintProblem[];
  warnings: LintProblem[];
}

/** The committed lint configuration (recommended rules plus our error-level rules). */
export const lintConfig = join(projectRoot, "spec", "redocly.yaml");

const run = promisify(execFile);

/**
 * Lints spec files with `@redocly/cli` and the committed config, in one process for all files
 * (its start-up dominates a single run). Returns one report per file, in input order. A file redocly
 * cannot parse aborts its whole run, so it is reported as one `parse` error and the rest re-run.
 */
export async function lintFiles(files: readonly string[]): Promise<LintReport[]> {
  const reports = new Map<string, LintReport>(
    files.map((f) => [f, { file: f, errors: [], warnings: [] }]),
  );
  let pending = [...files];
  while (pending.length > 0) {
    const { stdout, stderr } = await runRedocly(pending);
    const unparsed = /Failed to parse API description at (.+?):\n+\s*- (.+)/.exec(stderr);
    if (unparsed) {
      const file = pending.find((f) => resolve(f) === resolve(unparsed[1]!)) ?? unparsed[1]!;
      const at = /\((\d+):\d+\)\s*$/.exec(unparsed[2]!);
      reports.get(file)?.errors.push({
        ruleId: "parse",
        severity: "error",
        message: unparsed[2]!.trim(),
        pointer: "#",
        line: at ? Number(at[1]) : undefined,
      });
      // redocly lints files in order and stops at the unparseable one: keep what it finished and
      // re-run only the files after it (else every failure would re-lint the whole list).
      const index = pending.indexOf(file);
      const done = splitJsonObjects(stdout);
      if (index >= 0 && done.length === index) {
        done.forEach((chunk, i) => collect(reports.get(pending[i]!)!, chunk));
        pending = pending.slice(index + 1);
      } else {
        pending = pending.filter((f) => f !== file);
      }
      continue;
    }
    const chunks = splitJsonObjects(stdout);
    if (chunks.length !== pending.length) {
      throw new SpecError(
        "lint-failed",
        `redocly lint did not run: ${stderr.trim().split("\n").slice(-3).join(" ")}`,
      );
    }
    chunks.forEach((chunk, index) => collect(reports.get(pending[index]!)!, chunk));
    pending = [];
  }
  return files.map((f) => reports.get(f)!);
}

async function runRedocly(files: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const cli = createRequire(import.meta.url)
    .resolve("@redocly/cli/package.json")
    .replace(/package\.json$/, "bin/cli.js");
  const args = [
    cli,
    "lint",
    "--config",
    lintConfig,
    "--format=json",
    "--max-problems=100000",
    ...files,
  ];
  try {
    return await run(process.execPath, args, { env: lintEnv(), maxBuffer: 1 << 30 });
  } catch (error) {
    // redocly exits 1 when it finds errors; what it printed is still what we need.
    const { stdout = "", stderr = String(error) } = error as { stdout?: string; stderr?: string };
    return { stdout, stderr };
  }
}

function collect(report: LintReport, chunk: string): void {
  const parsed = JSON.parse(chunk) as { problems: RawProblem[] };
  for (const p of parsed.problems) {
    const loc = p.location?.[0];
    const problem: LintProblem = {
      ruleId: p.ruleId,
      severity: p.severity === "error" ? "error" : "warn",
      message: p.message,
      pointer: loc?.pointer ?? "#",
      line: loc?.start?.line,
    };
    (problem.severity === "error" ? report.errors : report.warnings).push(problem);
  }
}

interface RawProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { pointer?: string; start?: { line: number } }[];
}

function lintEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
    NO_COLOR: "1",
  };
}

/** redocly prints one JSON object per file, back to back; split them by tracking nesting. */
function splitJsonObjects(text: string): string[] {
  const chunks: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) chunks.push(text.slice(start, i + 1));
  }
  return chunks;
}

/** Counts problems by rule id, sorted by count then id, for reports. */
export function countByRule(problems: readonly LintProblem[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.ruleId, (counts.get(p.ruleId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
