import type { FunctionStub } from "./function-routes.js";
import { isErrorEntry, makeLogEntry, type LogEntryInput } from "./log-seed.js";
import { formatLogTime, parseWireTime } from "./log-time.js";
import type { Fault, Faults, RequestMatch } from "./faults.js";
import type { RequestCounts, RequestLog, RequestRecord } from "./request-log.js";
import type { RouteCoverage } from "./resource-model-routes.js";
import type { SessionCounters } from "./sessions.js";
import type { EmulatorState } from "./state.js";
import type { TokenStore } from "./tokens.js";

/** The test-only control surface of a running emulator. */
export interface EmulatorControl {
  /** Every access token issued so far now gets 401 `InvalidSession`; returns how many were live. */
  expireAccessTokens(): number;
  /** Every refresh token issued so far is now unknown (401 `InvalidSession` on refresh). */
  expireRefreshTokens(): number;
  /**
   * Appends log entries to an app (default: the seeded app): a count of generated entries, or
   * entries with some fields given (`type`, `started`, `error`, ...). Default timestamp: now by
   * the emulator's clock; a `started` given must be in the API's format (`…T12:34:56.78Z`).
   * Returns the stored entries as the API will return them.
   */
  appendLogs(entries: number | LogEntryInput[], appId?: string): Record<string, unknown>[];
  /** Makes upcoming matching requests fail (status and body, or a dropped connection). */
  failNext(fault?: Fault): void;
  /** Forgets faults that have not fired yet. */
  clearFaults(): void;
  /** Delays every matching request by `ms` before it is handled (0 turns it off). */
  setLatency(ms: number, match?: RequestMatch): void;
  /** Makes the next deployment end `failed` with this `status_error_message`. */
  failNextDeployment(message?: string): void;
  /**
   * Makes the next dependencies upload (`PUT /dependencies`, of any app) install nothing: its
   * status is `created` for `dependencyInstallMs`, then `failed` with this `status_message`.
   * Each call queues one failure.
   */
  failNextDependencyInstall(message?: string): void;
  /** Request counts since start (or the last reset). */
  counts(): RequestCounts;
  /** The most recent requests (up to 1000), oldest first, without secrets. */
  requests(): RequestRecord[];
  /** Zeroes the counts and clears the request log. */
  resetCounts(): void;
  /**
   * Scripts what `execute_function` answers for a function (the emulator runs no JavaScript):
   * `{ result, logs, error_logs }`; undefined forgets the script.
   */
  stubFunction(name: string, answer: FunctionStub | undefined): void;
  /**
   * Responses that did not match their operation's response schema (or declared status), when
   * started with `checkResponses: true`; tests assert this stays empty.
   */
  responseProblems(): string[];
  /** Which spec operations are answered by hand, by the resource model, or not at all. */
  readonly coverage: RouteCoverage | undefined;
}

interface Parts {
  state: EmulatorState;
  seededAppId: string;
  tokens: TokenStore;
  faults: Faults;
  log: RequestLog;
  sessions: SessionCounters;
  coverage: RouteCoverage | undefined;
  stubs: Map<string, FunctionStub>;
  responseProblems: string[];
}

/** Builds the control surface over the emulator's internals. */
export function createControl(p: Parts): EmulatorControl {
  let appended = 0;
  return {
    expireAccessTokens: () => p.tokens.expireAccessTokens(),
    expireRefreshTokens: () => p.tokens.expireRefreshTokens(),
    appendLogs(entries, appId = p.seededAppId) {
      const app = p.state.apps.get(appId);
      if (!app) throw new Error(`appendLogs: no app ${appId}`);
      if (typeof entries === "number" && !(Number.isInteger(entries) && entries >= 0))
        throw new Error(`appendLogs: count must be a non-negative integer, got ${entries}`);
      const inputs: LogEntryInput[] =
        typeof entries === "number" ? Array.from({ length: entries }, () => ({})) : entries;
      // Every entry is checked before any is stored: a bad one must not leave half the batch in.
      const times = inputs.map((input, i) => {
        if (typeof input !== "object" || input === null || Array.isArray(input))
          throw new Error(`appendLogs: entry ${i} must be an object`);
        if (input.type !== undefined && typeof input.type !== "string")
          throw new Error(`appendLogs: entry ${i} has a non-string type`);
        // What the test gives stands for what the server sends: its format only, so a test
        // cannot feed a client a timestamp the real API never writes.
        for (const field of ["started", "completed"]) {
          const value = input[field];
          if (
            value !== undefined &&
            (typeof value !== "string" || parseWireTime(value) === undefined)
          )
            throw new Error(
              `appendLogs: entry ${i}, field ${field}: must be a UTC timestamp in the API's format ` +
                `('2024-05-01T12:34:56.78Z': seconds, at most 3 fraction digits, 'Z'), got ${JSON.stringify(value)}`,
            );
        }
        return input.started === undefined ? p.state.now() : parseWireTime(input.started)!;
      });
      return inputs.map((input, i) => {
        const key = `append:${appended++}`;
        const time = times[i]!;
        const owner = {
          groupId: app.app.group_id,
          appId,
          clientAppId: app.app.client_app_id,
          domainId: app.app.domain_id,
        };
        const generated = makeLogEntry(owner, input.type ?? "FUNCTION", time, key, false);
        const entry = { ...generated, ...input, started: formatLogTime(time) } as typeof generated;
        app.logs.add({ time, type: entry.type, isError: isErrorEntry(entry), entry: () => entry });
        return entry;
      });
    },
    failNext: (fault = {}) => p.faults.add(fault),
    clearFaults: () => p.faults.clear(),
    setLatency: (ms, match) => p.faults.setLatency(ms, match),
    failNextDeployment: (message = "deployment failed: injected by the emulator control") =>
      p.state.failNextDeployment(message),
    failNextDependencyInstall(
      message = "dependencies installation failed: injected by the emulator control",
    ) {
      if (typeof message !== "string")
        throw new Error(
          `failNextDependencyInstall: message must be a string, got ${typeof message}`,
        );
      p.state.failNextDependencyInstall(message);
    },
    counts: () => ({
      total: p.log.total,
      ...p.sessions,
      byOperation: Object.fromEntries(p.log.byOperation),
      byStatus: Object.fromEntries(p.log.byStatus),
    }),
    requests: () => p.log.records.map((r) => ({ ...r, headers: { ...r.headers } })),
    resetCounts() {
      p.log.reset();
      Object.assign(p.sessions, { logins: 0, failedLogins: 0, refreshes: 0, logouts: 0 });
    },
    stubFunction: (name, answer) =>
      answer === undefined ? void p.stubs.delete(name) : void p.stubs.set(name, answer),
    responseProblems: () => [...p.responseProblems],
    coverage: p.coverage,
  };
}
