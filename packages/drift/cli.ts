import { writeFileAtomic } from "../../spec/atomic.js";
import { parseArgs } from "node:util";
import { runDrift, type DriftResult } from "./drift.js";
import { renderJson, renderJsonError } from "./render/json.js";
import { renderMarkdown, renderMarkdownError } from "./render/markdown.js";
import { DriftInputError } from "./source.js";

/** Exit codes of the drift command (also in `--help` and docs/drift.md). */
export const EXIT = {
  /** Compared; nothing at or above the `--fail-on` threshold (or no threshold). */
  ok: 0,
  /** Compared; a change at or above the `--fail-on` severity exists. */
  failOn: 1,
  /** Bad command line. */
  usage: 2,
  /** A spec could not be read, parsed as YAML/OpenAPI, or repaired; the report says where. */
  unusableInput: 3,
  /** A bug in the drift tool itself (the stack trace is printed). */
  internal: 70,
} as const;

/** The `--help` text. */
export const HELP = `Usage: npm run drift -- <old-spec> <new-spec> [options]

Compares two App Services Admin API specs (files or http(s) URLs), each loaded tolerantly and
repaired first, and reports every change with its severity for a client of the generated SDK:
breaking, potentially-breaking or non-breaking.

Options:
  --format md|json        Markdown pull-request comment (default) or JSON
  --fail-on breaking|potentially-breaking
                          exit ${EXIT.failOn} when a change of that severity or worse exists
  --output <file>         write the report to <file> instead of standard output
  -h, --help              show this help

Exit codes:
  ${EXIT.ok}   compared (no change at or above --fail-on)
  ${EXIT.failOn}   compared, and a change at or above --fail-on exists
  ${EXIT.usage}   bad command line (or an --output file that cannot be written)
  ${EXIT.unusableInput}   unusable input: a spec cannot be read, parsed or repaired (the report
      names the side, the reason and the line)
  ${EXIT.internal}  internal error (a bug: please report it with the printed stack)
`;

/** Where the command writes; the script passes the process streams, tests capture strings. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  fetch?: typeof fetch;
}

type Format = "md" | "json";
type FailOn = "breaking" | "potentially-breaking";

/**
 * Runs `drift` with command-line arguments and returns the exit code. Unusable input is reported
 * in the chosen format (and on stderr) with exit code 3; unexpected errors propagate.
 */
export async function runDriftCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "md" },
        "fail-on": { type: "string" },
        output: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 2)
    return usage(io, `expected <old-spec> <new-spec>, got ${positionals.length} argument(s)`);
  const format = values.format as Format;
  if (format !== "md" && format !== "json")
    return usage(io, `--format must be md or json, not "${values.format}"`);
  const failOn = values["fail-on"] as FailOn | undefined;
  if (failOn !== undefined && failOn !== "breaking" && failOn !== "potentially-breaking") {
    return usage(io, `--fail-on must be breaking or potentially-breaking, not "${failOn}"`);
  }
  const output = values.output;
  const emit = async (text: string) => {
    if (output === undefined) return io.stdout(text);
    try {
      // A missing folder is a usage error (exit 2), not something to create.
      writeFileAtomic(output, text, { createDirs: false });
    } catch (cause) {
      throw new OutputError(
        `cannot write --output ${output}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
      );
    }
  };
  try {
    let result: DriftResult;
    try {
      result = await runDrift(positionals[0]!, positionals[1]!, { fetch: io.fetch });
    } catch (error) {
      if (!(error instanceof DriftInputError)) throw error;
      io.stderr(`drift: unusable input: ${error.message}\n`);
      await emit(format === "json" ? renderJsonError(error) : renderMarkdownError(error));
      return EXIT.unusableInput;
    }
    await emit(format === "json" ? renderJson(result) : renderMarkdown(result));
    return exitCodeFor(result, failOn);
  } catch (error) {
    if (error instanceof OutputError) return usage(io, error.message);
    throw error;
  }
}

/** The report could not be written where `--output` says: the user's to fix, not a bug. */
class OutputError extends Error {}

/** 1 when a change at or above `failOn` exists, else 0. */
export function exitCodeFor(
  result: Pick<DriftResult, "summary">,
  failOn: FailOn | undefined,
): number {
  if (failOn === undefined) return EXIT.ok;
  const worst =
    result.summary.breaking +
    (failOn === "potentially-breaking" ? result.summary["potentially-breaking"] : 0);
  return worst > 0 ? EXIT.failOn : EXIT.ok;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`drift: ${message}\nRun with --help for usage.\n`);
  return EXIT.usage;
}
