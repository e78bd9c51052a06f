/**
 * Exit codes of `appservices-admin`, one meaning each so scripts can branch on them. `drift` keeps
 * the codes of the drift report (0, 1, 2, 3, 70), which fit in this table.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /**
   * Ran, but not everything succeeded: `hosting sync` paths failed; some of several users,
   * secrets or values failed; `drift --fail-on` matched; `diff --exit-code` found differences.
   */
  incomplete: 1,
  /**
   * Bad command line or configuration: unknown flag, missing credentials or login, a bad
   * `--base-url` or `--group-id`, unknown app, no such folder, `--port` in use, an app folder that
   * fails its checks (file:line) or names missing secrets.
   */
  usage: 2,
  /** `drift`: a spec cannot be read, parsed or repaired. */
  unusableInput: 3,
  /** The API refused the credentials or the session (401). */
  auth: 4,
  /** The API answered with another error (4xx/5xx after retries). */
  api: 5,
  /** No answer: connection refused or reset, DNS, TLS, timeout. */
  connection: 6,
  /** The deployment failed (`push` discarded its draft; `deploy status --wait`). */
  deployFailed: 7,
  /**
   * `--timeout` ran out while the deployment was still running (`push`, `deploy status --wait`):
   * not an API error, and the deployment goes on on the server.
   */
  deployTimedOut: 8,
  /** A bug in the CLI (`--verbose` shows the stack). */
  internal: 70,
  /** Interrupted by SIGINT/SIGTERM (`logs --follow` ends with 0 instead: that is how it stops). */
  interrupted: 130,
} as const;

/** The exit-code table as shown by `--help`; the README's table says the same (help.test.ts). */
export const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}    done
  ${EXIT.incomplete}    some of the work failed (hosting sync paths, some of several users/secrets/values;
       listed); drift: a change at or above --fail-on; diff --exit-code: differences
  ${EXIT.usage}    bad command line or configuration (not logged in, a bad --base-url, unknown app,
       no such folder, --port in use, an app folder that fails its checks or names missing secrets)
  ${EXIT.unusableInput}    drift: a spec cannot be read, parsed or repaired
  ${EXIT.auth}    the API refused the credentials or the session (401)
  ${EXIT.api}    the API answered with another error
  ${EXIT.connection}    no answer from the API (connection refused or reset, DNS, timeout, a proxy that refuses)
  ${EXIT.deployFailed}    the deployment failed (push discarded its draft, so the app is as before;
       deploy status --wait)
  ${EXIT.deployTimedOut}    --timeout ran out while the deployment (or push's dependencies' installation) was still
       running (push, deploy status --wait); it goes on on the server
  ${EXIT.internal}   internal error (a bug; --verbose shows the stack)
  ${EXIT.interrupted}  interrupted (SIGINT/SIGTERM); logs --follow ends with ${EXIT.ok}, since that is how it stops
`;

/** A bad command line or configuration, reported as one line with exit code 2. */
export class UsageError extends Error {}

/**
 * The command was interrupted (SIGINT/SIGTERM): exit code 130. `detail` says what the
 * interruption could not stop (a deployment the server goes on with) and how to follow it.
 */
export class InterruptedError extends Error {
  constructor(detail?: string) {
    super(detail === undefined ? "interrupted" : `interrupted: ${detail}`);
  }
}
