import { CommanderError } from "commander";
import { Redactor } from "../client/redact.js";
import { createContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { knownSecrets, type CliIo } from "./io.js";
import { buildProgram, commanderExitCode } from "./program.js";
import { report } from "./report.js";

/**
 * Runs the CLI with `argv` (without node and the script) and returns the exit code. SIGINT and
 * SIGTERM abort the running command through its signal; a second one exits at once with 130.
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  makeIo: (redactor: Redactor) => CliIo,
): Promise<number> {
  const redactor = new Redactor();
  for (const secret of knownSecrets(argv, env)) redactor.add(secret);
  const io = makeIo(redactor);
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  const ctx = createContext(env, io, controller.signal);
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    const { code, text } = report(error, redactor, argv.includes("--verbose"));
    io.err(text);
    return code;
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  }
}
