import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { lstat, open, readlink, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { UsageError } from "./exit-codes.js";

/** The signals whose default action ends the process, skipping "exit" listeners. */
const ENDING: readonly NodeJS.Signals[] = ["SIGHUP", "SIGINT", "SIGTERM"];

/**
 * The temporary files of the targets open in this process (a program may run several commands
 * at once), and one listener for all of them: a listener each would count the others as another
 * listener and none would act.
 */
const pending = new Set<string>();

// A process.exit skips `discard` (a second Ctrl-C exits at once, a bug with 70): the temporary
// files go then, as the process ends. Only those: FILE is never touched here.
const leftovers = () => {
  for (const temporary of pending) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The process is ending: nothing more can be done or said about it.
    }
  }
};

// A signal that would end the process as it stands (nobody else listens: a hang-up when the
// terminal closes, or SIGINT/SIGTERM for a program that runs the CLI inside itself) ends it
// without even "exit": the temporary files go first, then the signal is raised again, to end
// the process as it would have. When another listener is there (the bin's SIGINT handler, an
// embedding program's), the process goes on: so do the commands, which commit or discard.
// Prepended, to count a `once` listener before it runs and removes itself.
const ending = (signal: NodeJS.Signals) => {
  if (process.listenerCount(signal) > 1) return;
  listen(false);
  leftovers();
  process.kill(process.pid, signal);
};

function listen(on: boolean): void {
  if (on) {
    process.on("exit", leftovers);
    for (const signal of ENDING) process.prependListener(signal, ending);
  } else {
    process.off("exit", leftovers);
    for (const signal of ENDING) process.off(signal, ending);
  }
}

/** Looks after `temporary` until the returned function is called (once it is renamed or gone). */
function track(temporary: string): () => void {
  if (pending.size === 0) listen(true);
  pending.add(temporary);
  return () => {
    if (pending.delete(temporary) && pending.size === 0) listen(false);
  };
}

/** The official CLI's global output flags, as the options that hold them. */
interface OutputFlags {
  outputFormat?: string;
  outputTarget?: string;
}

/** A command's standard output going to a file, which appears only once that output is whole. */
export interface OutputTarget {
  /** FILE as given. */
  readonly file: string;
  /** Where FILE is put in place: FILE, its symbolic links followed. */
  readonly place: string;
  /** Puts the file in place (the command ended with 0 or 1, or refused with a whole document). */
  commit(): Promise<void>;
  /** Removes what was written; the file, if it existed, stays as it was. */
  discard(): Promise<void>;
}

/**
 * The official CLI's `-f, --output-format json` and `-o, --output-target <file>`, on every command
 * that has `--json`. A short name the command already uses for its own flag stays its own
 * (`logs -f` is `--follow`): there the long name alone.
 */
export function addOutputOptions(command: Command): void {
  if (!command.options.some((o) => o.long === "--json")) return;
  const taken = (short: string) => command.options.some((o) => o.short === short);
  command
    .option(
      `${taken("-f") ? "" : "-f, "}--output-format <format>`,
      'json: same as --json; "" (the default): text (the official CLI\'s flag)',
    )
    .option(
      `${taken("-o") ? "" : "-o, "}--output-target <file>`,
      "write standard output to this file instead (mode 0600, replaced whole once the command succeeded, or a refused pull --json listed what it would change)",
    );
}

/**
 * Applies the output flags before the command runs: `-f json` sets `--json`; `-o FILE` sends
 * standard output to a temporary file beside FILE, which `commit` renames onto it, so FILE is
 * never half-written and a failed command leaves it as it was.
 */
export async function applyOutputOptions(
  command: Command,
  ctx: CliContext,
): Promise<OutputTarget | undefined> {
  const { outputFormat, outputTarget } = command.opts<OutputFlags>();
  // "" is the official CLI's name of its default, text (`-f ""` in its scripts).
  if (outputFormat === "" && command.getOptionValue("json") === true) {
    throw new UsageError('--output-format "" (text) and --json disagree: give one');
  }
  if (outputFormat !== undefined && outputFormat !== "") {
    if (outputFormat !== "json") {
      throw new UsageError(
        `--output-format takes json, or "" for text (the default), got ${JSON.stringify(outputFormat)}`,
      );
    }
    command.setOptionValue("json", true);
  }
  if (outputTarget === undefined) return undefined;
  if (outputTarget.trim() === "") throw new UsageError("--output-target needs a file name");
  const target = await openTarget(outputTarget);
  ctx.io = { ...ctx.io, out: target.write };
  return target;
}

async function openTarget(
  file: string,
): Promise<OutputTarget & { write(text: string): Promise<void> }> {
  // A symbolic link is written through, as the official CLI does: the rename lands on the file
  // it points to (made if missing), and the link stays a link.
  const place = await linkTarget(file);
  // The rename onto a folder fails only once the command has run (a push deployed): refused first.
  const existing = await stat(place).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new UsageError(`--output-target ${file}: is a folder: name a file`);
  }
  // Beside the file, so that the rename stays on one file system and is atomic.
  const temporary = join(
    dirname(place),
    `.${basename(place)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  let handle: FileHandle;
  try {
    // 0600: what a command prints may be meant for its user only (a new API key).
    handle = await open(temporary, "wx", 0o600);
  } catch (error) {
    throw new UsageError(`--output-target ${file}: cannot write there (${errorCode(error)})`);
  }
  const release = track(temporary);
  // Writes in order even when a caller does not wait for the previous one.
  let written: Promise<unknown> = Promise.resolve();
  let failure: unknown;
  const write = (text: string): Promise<void> => {
    const next = written.then(() => handle.write(text));
    written = next.catch((error: unknown) => void (failure ??= error));
    return next.then(() => undefined);
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await written;
    await handle.close();
  };
  return {
    file,
    place,
    write,
    commit: async () => {
      try {
        await written;
        if (failure !== undefined) throw failure;
        await handle.datasync();
        await close();
        await rename(temporary, place);
        release();
      } catch (error) {
        await close().catch(() => undefined);
        await rm(temporary, { force: true }).finally(release);
        throw new UsageError(`--output-target ${file}: could not write it (${errorCode(error)})`);
      }
    },
    discard: async () => {
      await close().catch(() => undefined);
      await rm(temporary, { force: true }).finally(release);
    },
  };
}

/**
 * Where `file` ends once its symbolic links are followed (itself when it is none), even when the
 * last one points at nothing yet. A loop is refused as the system would (ELOOP).
 */
async function linkTarget(file: string): Promise<string> {
  let place = file;
  for (let links = 0; links <= 40; links++) {
    const found = await lstat(place).catch(() => undefined);
    if (!found?.isSymbolicLink()) return place;
    place = resolve(dirname(place), await readlink(place));
  }
  throw new UsageError(`--output-target ${file}: too many symbolic links (ELOOP)`);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
