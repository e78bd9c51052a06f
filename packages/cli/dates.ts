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
  // Date.parse accepts loose forms ("5"); insist on something that starts like a calendar date,
  // and on a day the month has: it reads 2026-02-30 as March 2.
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const time = relative
    ? now - Number(relative[1]) * UNITS[relative[2]!]!
    : day && inMonth(Number(day[1]), Number(day[2]), Number(day[3]))
      ? Date.parse(value)
      : Number.NaN;
  // A duration too long for a Date (99999999999d) is NaN too.
  if (Number.isNaN(new Date(time).getTime())) {
    throw new UsageError(
      `${flag} must be an ISO 8601 time (2024-05-01T12:00:00Z) or a duration back from now (15m, 2h, 7d), got "${value}"`,
    );
  }
  return new Date(time);
}

function inMonth(year: number, month: number, day: number): boolean {
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A positive integer flag value. */
export function parsePositive(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  }
  return Number(value);
}
