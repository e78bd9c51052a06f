import { inspect } from "node:util";
import {
  AdminAbortError,
  AdminApiError,
  AdminAuthError,
  AdminConnectionError,
  AdminError,
  AdminInvalidAppIdError,
} from "appservices-admin";
import type { Redactor } from "appservices-admin";
import {
  ConfigValidationError,
  DependenciesTimeoutError,
  MissingSecretsError,
  PullFolderError,
  PullInProgressError,
  PushAppError,
} from "appservices-admin/config";
import {
  AmbiguousAppError,
  AppNotFoundError,
  DeployCallAbortedError,
  DeploymentFailedError,
  DeploymentTimeoutError,
} from "appservices-admin";
import { HostingPathError } from "appservices-admin";
import { EXIT, InterruptedError, UsageError } from "./exit-codes.js";
import { ENV } from "./open-client.js";

const LOGIN_PATH = "/auth/providers/mongodb-cloud/login";
/** The flags a command was given that say where its key pair came from. */
export interface KeyFlags {
  apiKey?: string | undefined;
  privateApiKey?: string | undefined;
  privateKeyStdin?: boolean | undefined;
}

/**
 * Where a key pair comes from, so that a refused one says what to fix (a CI job: its variables),
 * in the flags the command was given (`login --private-key-stdin`: standard input, not a flag).
 */
function keyPairSources(flags: KeyFlags): string {
  const publicKey = flags.apiKey !== undefined ? "--api-key" : "--public-key";
  if (flags.privateKeyStdin) {
    return `${publicKey} (else $${ENV.publicKey}) and the private key read from standard input (--private-key-stdin)`;
  }
  const privateKey = flags.privateApiKey !== undefined ? "--private-api-key" : "--private-key";
  return `${publicKey} and ${privateKey}, else $${ENV.publicKey} and $${ENV.privateKey}`;
}

/** How a failure is shown and which exit code it gives. */
export interface Report {
  code: number;
  /** One line (plus, with `--verbose`, the details), secrets removed. */
  text: string;
}

/**
 * Turns anything a command threw into one readable line and an exit code (`EXIT`). With
 * `verbose`, the error's fields, stack and cause chain follow. All of it goes through the
 * redactor, which knows the API keys from the start and every token the session handled.
 */
export function report(
  error: unknown,
  redactor: Redactor,
  verbose: boolean,
  keys: KeyFlags = {},
): Report {
  const code = exitCodeOf(error);
  const line = `appservices-admin: ${headline(error, code, keys)}`;
  const hint =
    code === EXIT.usage && error instanceof UsageError
      ? " (see --help)"
      : code === EXIT.internal && !verbose
        ? " (a bug: run with --verbose for the stack and report it)"
        : "";
  // The error's strings are redacted before util.inspect quotes them: its escapes (a backslash
  // doubled) would spell a known secret the text redaction no longer finds.
  const details = verbose
    ? `\n${inspect(redactor.cause(error), { depth: 8, breakLength: 100 })}\n`
    : "\n";
  return { code, text: redactor.text(`${line}${hint}${details}`) };
}

/** The exit code for a failure. */
export function exitCodeOf(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof AppNotFoundError ||
    error instanceof AmbiguousAppError ||
    error instanceof HostingPathError ||
    error instanceof AdminInvalidAppIdError ||
    error instanceof ConfigValidationError ||
    error instanceof MissingSecretsError ||
    error instanceof PullFolderError ||
    error instanceof PullInProgressError
  ) {
    return EXIT.usage;
  }
  const deployment = error instanceof PushAppError ? error.cause : error;
  if (deployment instanceof DeploymentFailedError) return EXIT.deployFailed;
  if (
    deployment instanceof DeploymentTimeoutError ||
    deployment instanceof DependenciesTimeoutError
  )
    return EXIT.deployTimedOut;
  if (error instanceof AdminAbortError || error instanceof InterruptedError)
    return EXIT.interrupted;
  if (error instanceof AdminAuthError) return EXIT.auth;
  if (error instanceof AdminConnectionError) return EXIT.connection;
  if (error instanceof AdminError) return EXIT.api;
  return EXIT.internal;
}

/**
 * What a command interrupted by SIGINT/SIGTERM threw, as the interruption to report (exit 130).
 * A deploy call aborted in flight may still have started a deployment: the line says which one
 * (`push` finds it by its draft) or how to look for it, instead of a bare "interrupted".
 */
export function interruption(error: unknown): InterruptedError {
  if (error instanceof InterruptedError) return error;
  const deploy = error instanceof PushAppError ? error.cause : error;
  if (!(deploy instanceof DeployCallAbortedError)) return new InterruptedError();
  const id = error instanceof PushAppError ? error.progress.deploymentId : undefined;
  return new InterruptedError(
    id !== undefined
      ? deploymentMayRun(id)
      : `the deploy call for draft ${deploy.draftId} was in flight, so a deployment may have ` +
          `started: appservices-admin deploy list --json shows it with draft_id "${deploy.draftId}"; ` +
          `if none appears, the draft is still open (push again with --on-existing-draft reuse or discard)`,
  );
}

/**
 * What an interruption could not take back: a deployment it found started may still run on the
 * server (or have ended meanwhile), so the user is told which one and how to follow it.
 */
export function deploymentMayRun(id: string): string {
  return `deployment ${id} may still be running on the server (follow it with appservices-admin deploy status ${id} --wait)`;
}

/**
 * A deployment still running when `--timeout` ran out, in this CLI's words: the SDK's message
 * names its own call to resume the wait, which a shell (or a CI log reader) cannot run.
 */
export function timedOutLine(error: DeploymentTimeoutError): string {
  const status = error.deployment.status ?? "unfinished";
  return `deployment ${error.deploymentId} was still ${status} when --timeout (${error.timeoutMs / 1000} s) ran out; it goes on on the server (follow it with appservices-admin deploy status ${error.deploymentId} --wait)`;
}

function headline(error: unknown, code: number, keys: KeyFlags): string {
  if (error instanceof AdminApiError) {
    const what = `${error.method} ${error.path} failed: ${error.status}${error.errorCode ? ` ${error.errorCode}` : ""}`;
    // A key pair logs in again by itself, so an ended session surfaces only for a saved login.
    const advice =
      code === EXIT.auth
        ? error.errorCode === "InvalidSession"
          ? " (the saved session has ended: log in again with appservices-admin login)"
          : error.path === LOGIN_PATH
            ? ` (the key pair was refused: check ${keyPairSources(keys)})`
            : " (check the API key pair and its access to the project)"
        : error.retryAfterMs !== undefined
          ? ` (the server asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s before trying again)`
          : "";
    return `${what}: ${error.message}${advice}`;
  }
  if (error instanceof AdminConnectionError) {
    const cause = causeText(error.cause);
    return `${error.message}${cause && !error.message.includes(cause) ? ` (${cause})` : ""}`;
  }
  if (error instanceof InterruptedError) return error.message;
  if (error instanceof AdminAbortError) return "interrupted";
  if (error instanceof Error)
    return code === EXIT.internal ? `internal error: ${error.message}` : error.message;
  return `internal error: ${String(error)}`;
}

/** The innermost cause's code or message: "ECONNREFUSED" says more than "fetch failed". */
function causeText(cause: unknown): string | undefined {
  let current = cause;
  let text: string | undefined;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    text = typeof code === "string" ? code : current.message;
    current = current.cause;
  }
  return text;
}
