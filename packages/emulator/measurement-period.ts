/**
 * The `start` and `end` of a measurements request, echoed as given (the spec types them as plain
 * strings), with `start` defaulting to 30 days before `end`, or before now when `end` is no date:
 * computing it from an unparsable `end` threw `Invalid time value`, a 500.
 */
export function measurementPeriod(
  query: URLSearchParams,
  now: number,
): { start: string; end: string } {
  const end = query.get("end") ?? new Date(now).toISOString();
  const endMs = Date.parse(end);
  const from = Number.isNaN(endMs) ? now : endMs;
  const start = query.get("start") ?? new Date(from - 30 * 86_400_000).toISOString();
  return { start, end };
}
