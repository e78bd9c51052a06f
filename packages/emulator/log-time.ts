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

/**
 * Parses a timestamp in the format the API writes (DESIGN §4 Logs): UTC with `Z`, seconds, and at
 * most milliseconds (`2024-05-01T12:34:56.78Z`); undefined for anything else, an impossible date
 * (`02-30`, `24:00`) included, which `Date.parse` would roll over into the next day.
 */
export function parseWireTime(value: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?Z$/.exec(value);
  if (!match) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== match[1]) return undefined;
  return ms;
}

/** Parses an RFC 3339 timestamp from a query parameter; undefined when it is not one. */
export function parseLogTime(value: string): number | undefined {
  // RFC 3339 needs a date, a time and a zone; Date.parse alone would accept "2024" or local times.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value))
    return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
