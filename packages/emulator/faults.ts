import { validateHeaderName, validateHeaderValue } from "node:http";

/** Which requests a fault or latency applies to (all when empty). */
export interface RequestMatch {
  /** HTTP method, any case. */
  method?: string;
  /** A path below the API base, exact or as a template (`/groups/{groupId}/apps`), or a RegExp. */
  path?: string | RegExp;
}

/** A failure to inject into upcoming requests. */
export interface Fault extends RequestMatch {
  /** How many matching requests fail (default 1). */
  count?: number;
  /** Status to answer with (default 503); ignored when `drop` is set. */
  status?: number;
  /** Body: an object is sent as JSON, a string as text/plain, null as no body. */
  body?: Record<string, unknown> | string | null;
  headers?: Record<string, string>;
  /** Destroy the connection without answering. */
  drop?: boolean;
}

/** Whether a request matches. */
export function matches(match: RequestMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  // `search`, not `test`: a /g or /y RegExp's `test` starts at its `lastIndex`, so it would
  // match every other request.
  if (match.path instanceof RegExp) return path.search(match.path) !== -1;
  if (match.path === path) return true;
  const want = match.path.split("/");
  const got = path.split("/");
  return (
    want.length === got.length &&
    want.every((w, i) => (/^\{[^}]+\}$/.test(w) ? got[i] !== "" : w === got[i]))
  );
}

/** Pending faults (first matching one wins) and the latency setting. */
export class Faults {
  readonly #pending: (Fault & { left: number })[] = [];
  #latency: { ms: number; match: RequestMatch } = { ms: 0, match: {} };

  add(fault: Fault): void {
    const left = fault.count ?? 1;
    if (!Number.isInteger(left) || left < 1)
      throw new Error(`fault count must be a positive integer, got ${fault.count}`);
    // Checked here: Node refuses them only when the fault fires, as a 500 on someone's request.
    if (
      fault.status !== undefined &&
      !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 999)
    )
      throw new Error(`fault status must be an integer from 100 to 999, got ${fault.status}`);
    for (const [name, value] of Object.entries(fault.headers ?? {})) {
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch (error) {
        throw new Error(`fault header '${name}': ${(error as Error).message}`);
      }
    }
    this.#pending.push({ ...fault, left });
  }

  clear(): void {
    this.#pending.length = 0;
  }

  setLatency(ms: number, match: RequestMatch = {}): void {
    // A timer longer than 2^31 - 1 ms fires after 1 ms instead (Node's TimeoutOverflowWarning).
    if (!(ms >= 0 && ms <= 2 ** 31 - 1))
      throw new Error(
        `latency must be a non-negative number of milliseconds up to ${2 ** 31 - 1}, got ${ms}`,
      );
    this.#latency = { ms, match };
  }

  latencyFor(method: string, path: string): number {
    return matches(this.#latency.match, method, path) ? this.#latency.ms : 0;
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const i = this.#pending.findIndex((f) => matches(f, method, path));
    if (i < 0) return undefined;
    const fault = this.#pending[i]!;
    if (--fault.left === 0) this.#pending.splice(i, 1);
    return fault;
  }
}
