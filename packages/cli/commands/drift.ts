import type { Command } from "commander";
import type { CliContext } from "../context.js";

/**
 * `appservices-admin drift <old> <new>`: the spec drift report, delegated whole to the drift
 * command (its options, `--help` and exit codes: docs/drift.md). Commander only lists it; the
 * arguments go through untouched.
 */
export function driftCommand(program: Command, ctx: CliContext): void {
  program
    .command("drift")
    .description(
      "compare two Admin API specs and report every change with its severity (see drift --help)",
    )
    .argument(
      "[args...]",
      "<old-spec> <new-spec> [--format md|json] [--fail-on <severity>] [--output <file>]",
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .passThroughOptions()
    .action((args: string[]) => {
      // --verbose is ours (the stack of an internal error), not the drift command's.
      const verbose = args.includes("--verbose");
      return ctx.run({ verbose }, () =>
        runDrift(
          args.filter((a) => a !== "--verbose"),
          ctx,
        ),
      );
    });
}

/** Runs the drift command; an unexpected error propagates to `run`, which reports it as internal (70). */
async function runDrift(args: string[], ctx: CliContext): Promise<number> {
  // Loaded here: drift brings the YAML parser and the spec repairs.
  const { runDriftCli } = await import("appservices-admin-drift/cli");
  let pending = Promise.resolve();
  const code = await runDriftCli(args, {
    // Its help names the npm script; here the command is ours.
    stdout: (text) => {
      pending = ctx.io.out(
        text.replace(/^Usage: npm run drift -- /, "Usage: appservices-admin drift "),
      );
    },
    stderr: (text) => ctx.io.err(text),
  });
  await pending;
  return code;
}
