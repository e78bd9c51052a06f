import type { Readable } from "node:stream";
import { Redactor } from "appservices-admin";

/** Where the CLI writes. Everything written to `err` goes through the redactor first. */
export interface CliIo {
  /** Writes to standard output; resolves once the stream can take more (backpressure). */
  out(text: string): Promise<void>;
  /** Writes to standard error, secrets removed. */
  err(text: string): void;
  /** Standard input (`--private-key-stdin`, `--data -`, ...). */
  readonly stdin: Readable;
  /** Whether standard error is a terminal (progress bars are drawn there). */
  readonly errIsTTY: boolean;
  /** The stream progress bars draw on. */
  readonly errStream: NodeJS.WritableStream;
  readonly redactor: Redactor;
}

/** The process's streams. A closed stdout (`| head`) ends the process quietly instead of throwing. */
export function processIo(redactor: Redactor): CliIo {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    out: (text) =>
      new Promise<void>((resolve) => {
        if (process.stdout.write(text)) resolve();
        else process.stdout.once("drain", resolve);
      }),
    err: (text) => void process.stderr.write(redactor.text(text)),
    stdin: process.stdin,
    errIsTTY: process.stderr.isTTY === true,
    errStream: process.stderr,
    redactor,
  };
}

/**
 * Secret values known before anything runs (the API key pair from the environment or the
 * command line, a secret's value, a password), so that no message can echo them, whichever code
 * path prints it.
 */
export function knownSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const secrets = [env["APPSERVICES_PUBLIC_KEY"], env["APPSERVICES_PRIVATE_KEY"]];
  argv.forEach((arg, i) => {
    // The key pair (ours and the official CLI's name), a secret's value, a new user's password.
    for (const flag of [
      "--public-key",
      "--private-key",
      "--api-key",
      "--private-api-key",
      "--value",
      "--password",
    ]) {
      if (arg === flag) secrets.push(argv[i + 1]);
      else if (arg.startsWith(`${flag}=`)) secrets.push(arg.slice(flag.length + 1));
    }
  });
  return secrets.filter((s): s is string => typeof s === "string" && s !== "");
}
