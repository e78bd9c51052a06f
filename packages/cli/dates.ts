import { UsageError } from "./exit-codes.js";

const UNITS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * The official CLI's forms (its flags.Date): a day, then optionally the hour, minutes, seconds
 * and milliseconds, then optionally an offset (`-0700`; `Z` and `-07:00` as ISO 8601 writes
 * them), ISO 8601's space for the `T`, and RFC 3339's lower-case `t` and `z`. It reads a time
 * without an offset as UTC, as the API writes times; `Date.parse` would take the machine's zone,
 * so the same command line would select other entries elsewhere. Nothing else is read:
 * `Date.parse` takes more in that zone.
 */
const OFFICIAL_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A `--start`/`--end` value: an ISO 8601 time (`2024-05-01T12:00:00Z`, `2024-05-01`), UTC unless
 * it has an offset, the official CLI's shorter forms (`2024-05-01T12`, `2024-05-01-0700`), or a
 * duration back from now (`90s`, `15m`, `2h`, `7d`).
 */
export function parseWhen(value: string, flag: string, now = Date.now()): Date {
  const relative = /^(\d+)([smhd])$/.exec(value.trim());
  // Date.parse accepts loose forms ("5"); insist on something that starts like a calendar date,
  // and on a day the month has: it reads 2026-02-30 as March 2.
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const time = relative
    ? now - Number(relative[1]) * UNITS[relative[2]!]!
    : day && inMonth(Number(day[1]), Number(day[2]), Number(day[3]))
      ? Date.parse(isoOf(value))
      : Number.NaN;
  // A duration too long for a Date (99999999999d) is NaN too.
  if (Number.isNaN(new Date(time).getTime())) {
    throw new UsageError(
      `${flag} must be an ISO 8601 time (2024-05-01T12:00:00Z) or a duration back from now (15m, 2h, 7d), got "${value}"`,
    );
  }
  return new Date(time);
}

/** One of the official CLI's forms written out whole (any other value, one Date.parse refuses). */
function isoOf(value: string): string {
  const m = OFFICIAL_TIME.exec(value);
  if (m === null) return "";
  const [, date, hour = "00", minute = "00", second = "00", fraction = "", zone = "Z"] = m;
  const offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return `${date}T${hour}:${minute}:${second}${fraction}${offset}`;
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
