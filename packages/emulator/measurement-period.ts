import { invalidParameter } from "./http.js";

/**
 * The `start` and `end` of a measurements request (the spec: ISO 8601 date and time), defaulting
 * to the 30 days before now. A value no date parser reads is a 400: it used to be echoed back, or,
 * as `end` without `start`, to throw a 500 while computing the default start.
 */
export function measurementPeriod(query: URLSearchParams): { start: string; end: string } {
  const end = query.get("end") ?? new Date().toISOString();
  const endMs = checked("end", end);
  const start = query.get("start") ?? new Date(endMs - 30 * 86_400_000).toISOString();
  checked("start", start);
  return { start, end };
}

function checked(name: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw invalidParameter(
      `query parameter '${name}'`,
      `'${value}' is not an ISO 8601 date and time`,
    );
  return ms;
}
