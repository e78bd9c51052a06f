import type { Command } from "commander";
import { iterateLogs } from "appservices-admin";
import { tailLogs } from "appservices-admin";
import type { LogEntry, LogQuery } from "appservices-admin";
import { connectFolder } from "../app-folder.js";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import { parsePositive, parseWhen } from "../dates.js";
import { UsageError } from "../exit-codes.js";
import { formatLogEntry, parseLogTypes } from "../log-format.js";
import type { CliContext } from "../context.js";

/** The longest `--interval`: what a Node timer can hold, in whole seconds. */
const MAX_INTERVAL_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

interface LogsFlags extends ConnectionFlags {
  type?: string;
  start?: string;
  end?: string;
  errorsOnly?: boolean;
  user?: string;
  limit?: string;
  follow?: boolean;
  interval?: string;
  json?: boolean;
}

/**
 * `appservices-admin logs`: an app's logs, newest first, or followed as they arrive. Text lines
 * show what the official CLI shows (run time, status, the function's console output); `--json`
 * prints each entry as the API returns it.
 */
export function logsCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command("logs")
    .alias("log")
    .description(
      "print an app's logs, newest first (every page), or follow new entries with --follow",
    )
    .argument("[list]", 'optional, for the official CLI\'s "logs list" (or "ls"): the same')
    .option(
      "--type <types>",
      "only these log types, comma-separated or repeated (FUNCTION,AUTH,...; trigger, service, sync, schema for groups)",
      // Repeated, the lists join: the last one alone would silently drop the others.
      (value: string, previous?: string) =>
        previous === undefined ? value : `${previous},${value}`,
    )
    .option(
      "--start <when>",
      "only entries after this time: ISO 8601 (UTC unless it has an offset; also the official CLI's 2024-05-01T12, 2024-05-01-0700), or back from now (15m, 2h, 7d)",
    )
    .option("--end <when>", "only entries at or before this time (same forms as --start)")
    .option("--errors-only", "only entries that failed")
    .option("--errors", "same as --errors-only (the official CLI's name)")
    .option("--user <id>", "only entries of this user id")
    .option("--limit <n>", "stop after n entries")
    .option("-f, --follow", "keep printing new entries, oldest first, until interrupted (Ctrl-C)")
    .option("--tail", "same as --follow (the official CLI's name)")
    .option("--interval <seconds>", "with --follow: seconds between polls", "5")
    .option("--json", "one JSON object per line, as the API returns each entry");
  // Extra words are read here, to explain the official CLI's `logs list -f json`.
  command.allowExcessArguments();
  addConnectionOptions(command).action(
    (_list: string | undefined, flags: LogsFlags, self: Command) =>
      ctx.run(flags, () => {
        const words = self.args;
        // The official CLI's global `-f` is --output-format: here it is --follow, as before.
        if (flags.follow && words.at(-1) === "json" && words.length <= 2) {
          throw new UsageError(
            "logs -f is --follow here (the official CLI's --tail); for JSON give --json or --output-format json",
          );
        }
        // Only the official CLI's sub-command: any other word is a mistake, not a filter.
        const extra = words.find((word, i) => i > 0 || (word !== "list" && word !== "ls"));
        if (extra !== undefined) {
          throw new UsageError(`logs takes no argument but "list" or "ls", got "${extra}"`);
        }
        return runLogs(flags, ctx);
      }),
  );
}

async function runLogs(flags: LogsFlags, ctx: CliContext): Promise<number> {
  if (flags.follow && flags.end !== undefined)
    throw new UsageError("--follow cannot be combined with --end");
  const limit = flags.limit === undefined ? undefined : parsePositive(flags.limit, "--limit");
  const interval = parsePositive(flags.interval ?? "5", "--interval");
  // A longer wait than a timer can hold would fire at once and poll without pause.
  if (interval > MAX_INTERVAL_SECONDS)
    throw new UsageError(
      `--interval must be at most ${MAX_INTERVAL_SECONDS} seconds, got ${interval}`,
    );
  const filters = {
    start_date: flags.start === undefined ? undefined : parseWhen(flags.start, "--start"),
    type: flags.type === undefined ? undefined : parseLogTypes(flags.type),
    errors_only: flags.errorsOnly === true ? true : undefined,
    user_id: flags.user,
  };
  const end_date = flags.end === undefined ? undefined : parseWhen(flags.end, "--end");
  if (filters.start_date && end_date && filters.start_date >= end_date) {
    throw new UsageError(
      `--start (${filters.start_date.toISOString()}) must be before --end (${end_date.toISOString()}): nothing lies between`,
    );
  }
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const query: LogQuery = { groupId, appId, ...filters, end_date };
  // An entry may echo what the session knows. A JSON line that holds something to redact is
  // redacted again as a value, so that it stays JSON (text redaction can take a string's closing
  // quote for part of a secret); walking every entry as a value would cost ~30 times its
  // JSON.stringify, checking its line ~2 times.
  const { redactor } = ctx.io;
  const format = flags.json
    ? (entry: LogEntry) => {
        const line = JSON.stringify(entry);
        return `${redactor.text(line) === line ? line : JSON.stringify(redactor.value(entry))}\n`;
      }
    : (entry: LogEntry) => redactor.text(formatLogEntry(entry));
  // Someone watching a terminal otherwise sees nothing until an entry comes; a pipe or a log file
  // gets only the entries, as progress lines are kept off non-terminals elsewhere.
  if (flags.follow && !flags.json && ctx.io.errIsTTY) {
    ctx.io.err(`following new log entries (checked every ${interval} s); Ctrl-C to stop\n`);
  }
  let printed = 0;
  const entries = flags.follow
    ? tailLogs(admin, query, { signal: ctx.signal, pollIntervalMs: interval * 1000 })
    : iterateLogs(admin, query, { signal: ctx.signal, maxEntries: limit });
  for await (const entry of entries) {
    await ctx.io.out(format(entry));
    if (limit !== undefined && ++printed >= limit) break;
  }
  // A followed tail ends only by interruption, which is how it is meant to stop.
  return 0;
}
