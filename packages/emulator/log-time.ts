/**
 * Formats epoch milliseconds the way the real API does: UTC, milliseconds with trailing zeros
 * trimmed, no fraction at all when it is zero (`…:48.41Z`, `…:48Z`).
 */
export function formatLogTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const [whole, fraction] = iso.slice(0, -1).split(".");
  const trimmed = (fraction ?? "").replace(/0+$/, "");
  return trimmed ? `${whole}.${trimmed}Z` : `${whole}Z`;
}

/** Parses an RFC 3339 timestamp from a query parameter; undefined when it is not one. */
export function parseLogTime(value: string): number | undefined {
  // RFC 3339 needs a date, a time and a zone; Date.parse alone would accept "2024" or local times.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value))
    return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
