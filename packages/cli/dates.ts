import { UsageError } from "./exit-codes.js";

const UNITS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A `--start`/`--end` value: an RFC 3339 / ISO 8601 time (`2024-05-01T12:00:00Z`, `2024-05-01`),
 * or a duration back from now (`90s`, `15m`, `2h`, `7d`).
 */
export function parseWhen(value: string, flag: string, now = Date.now()): Date {
  const relative = /^(\d+)([smhd])$/.exec(value.trim());
  if (relative) return new Date(now - Number(relative[1]) * UNITS[relative[2]!]!);
  // Date.parse accepts loose forms ("5"); insist on something that starts like a calendar date.
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(
      `${flag} must be an ISO 8601 time (2024-05-01T12:00:00Z) or a duration back from now (15m, 2h, 7d), got "${value}"`,
    );
  }
  return new Date(time);
}

/** A positive integer flag value. */
export function parsePositive(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  }
  return Number(value);
}
