import type { IncomingHttpHeaders } from "node:http";

/** One request as the control surface reports it: no token, key or cookie in it. */
export interface RequestRecord {
  method: string;
  /** Path below the API base (or the full path for non-API requests). */
  path: string;
  /** The query string, without the leading `?`. */
  query: string;
  /** The operation it was routed to (`adminGetLogs`, or `METHOD template` outside the spec). */
  operation?: string;
  status?: number;
  /** Request headers, lower-case; credentials replaced by "[redacted]". */
  headers: Record<string, string>;
  /** Set when the response was an injected fault. */
  faulted?: boolean;
  /**
   * Set when the client closed the connection (or `stop()` closed it) before the request was
   * read whole or answered: it has no status and was not handled.
   */
  aborted?: boolean;
}

/** Request counts, as the control surface reports them. */
export interface RequestCounts {
  total: number;
  logins: number;
  failedLogins: number;
  refreshes: number;
  logouts: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
}

const SECRET_HEADERS = new Set(["authorization", "cookie", "proxy-authorization", "x-api-key"]);
const KEEP = 1000;

/** Counts and the most recent requests (the last 1000). */
export class RequestLog {
  readonly records: RequestRecord[] = [];
  total = 0;
  readonly byOperation = new Map<string, number>();
  readonly byStatus = new Map<number, number>();

  start(method: string, path: string, query: string, headers: IncomingHttpHeaders): RequestRecord {
    const record: RequestRecord = { method, path, query, headers: redact(headers) };
    this.total++;
    this.records.push(record);
    if (this.records.length > KEEP) this.records.shift();
    return record;
  }

  routed(record: RequestRecord, operation: string): void {
    record.operation = operation;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }

  answered(record: RequestRecord, status: number): void {
    record.status = status;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  reset(): void {
    this.records.length = 0;
    this.total = 0;
    this.byOperation.clear();
    this.byStatus.clear();
  }
}

function redact(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name)
      ? "[redacted]"
      : Array.isArray(value)
        ? value.join(", ")
        : value;
  }
  return out;
}
