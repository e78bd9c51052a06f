import { CommanderError } from "commander";
import { Redactor } from "appservices-admin";
import { createContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { knownSecrets, type CliIo } from "./io.js";
import { buildProgram, commanderExitCode } from "./program.js";
import { report } from "./report.js";

/**
 * Runs the CLI with `argv` (without node and the script) and returns the exit code. SIGINT and
 * SIGTERM abort the running command through its signal; a second one exits at once with 130. A
 * rejection or exception nobody handled exits with 70 after one redacted line on stderr.
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  makeIo: (redactor: Redactor) => CliIo,
): Promise<number> {
  const io = openIo(argv, env, makeIo);
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort(new Error("interrupted"));
  };
  // A rejection or an exception nobody handled is a bug of ours: say so in one line, redacted,
  // and exit with 70, rather than let Node print the raw error (secrets and all) and exit with 1,
  // which would read as "some of the work failed".
  const bug = (what: string) => (reason: unknown) => {
    const error = new Error(`${what}: ${errorMessage(reason)}`, { cause: reason });
    io.err(report(error, io.redactor, argv.includes("--verbose")).text);
    process.exit(EXIT.internal);
  };
  const unhandled = bug("unhandled rejection");
  const uncaught = bug("uncaught exception");
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  process.on("unhandledRejection", unhandled);
  process.on("uncaughtException", uncaught);
  try {
    return await runCommand(argv, env, io, controller.signal);
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    process.off("unhandledRejection", unhandled);
    process.off("uncaughtException", uncaught);
  }
}

/**
 * The streams for a run of `argv`: `makeIo`'s, with a redactor that already knows the secrets
 * the command line and the environment hold.
 */
export function openIo(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  makeIo: (redactor: Redactor) => CliIo,
): CliIo {
  const redactor = new Redactor();
  // Pinned: the few values a command line holds stay known for the whole run, however many
  // session tokens (a list of the 16 most recent) a long `logs --follow` registers after them.
  for (const secret of knownSecrets(argv, env)) redactor.add(secret, { pinned: true });
  return makeIo(redactor);
}

/**
 * Runs one command line on `io` until it ends or `signal` aborts it, and returns the exit code;
 * the process (its signals, its exit) is `runCli`'s business, so the CLI can run inside another
 * program, such as a test runner.
 */
export async function runCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const ctx = createContext(env, io, signal);
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: "user" });
    // With -o, the file takes the output only of a command that ran to its end (1: some of the
    // work failed, and the output says which), or of one whose refusal printed a whole document.
    if (ctx.exitCode <= EXIT.incomplete || ctx.outputWhole) await ctx.output?.commit();
    else await ctx.output?.discard();
    return ctx.exitCode;
  } catch (error) {
    await ctx.output?.discard();
    if (error instanceof CommanderError) return commanderExitCode(error);
    const { code, text } = report(error, io.redactor, argv.includes("--verbose"));
    io.err(text);
    return code;
  }
}

function errorMessage(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}
