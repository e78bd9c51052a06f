import { ChoiceError } from "./choices.js";
import type { CliIo } from "./io.js";
import { printJson } from "./output.js";
import type { OutputTarget } from "./output-target.js";
import { interruption, report, type KeyFlags } from "./report.js";

/** What every command gets: the environment, the streams, the interruption signal, and `run`. */
export interface CliContext {
  readonly env: NodeJS.ProcessEnv;
  /** Replaced, stdout and all, by `-o, --output-target` before the command runs. */
  io: CliIo;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /** The exit code of the command that ran (set by `run`). */
  exitCode: number;
  /** Where `-o` sends standard output until the command ends (`runCommand` settles it). */
  output?: OutputTarget | undefined;
  /**
   * Set by a command that failed but printed its whole `--json` document, one a script reads (a
   * refused pull: what it would change); `-o` writes it to its file as for a success.
   */
  outputWhole?: boolean;
  /** Runs a command body: its result is the exit code; a failure is reported as one line. */
  run(
    flags: { verbose?: boolean; json?: boolean } & KeyFlags,
    body: () => Promise<number>,
  ): Promise<void>;
}

/** A context whose `run` reports failures with `report` on the context's stderr. */
export function createContext(env: NodeJS.ProcessEnv, io: CliIo, signal: AbortSignal): CliContext {
  const ctx: CliContext = {
    env,
    io,
    signal,
    exitCode: 0,
    run: async (flags, body) => {
      try {
        ctx.exitCode = await body();
      } catch (error) {
        // Whatever an interrupted command threw on its way out (an abort error, the signal's
        // reason), the user interrupted it; a command's own InterruptedError says more, as does
        // a deploy call aborted in flight.
        const failure = signal.aborted ? interruption(error) : error;
        // The choices a script picks from, all of them (the line shows the first few); written
        // to -o's file too, as a refused pull's document is.
        if (failure instanceof ChoiceError && flags.json) {
          const document = { error: failure.message, ...failure.document };
          await printJson(ctx, io.redactor.value(document));
          ctx.outputWhole = true;
        }
        const { code, text } = report(failure, io.redactor, flags.verbose === true, flags);
        io.err(text);
        ctx.exitCode = code;
      }
    },
  };
  return ctx;
}
