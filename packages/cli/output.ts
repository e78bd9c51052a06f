import type { CliContext } from "./context.js";

/** A column of a text table: its heading and how to read the cell from a row. */
export interface Column<T> {
  heading: string;
  cell: (row: T) => unknown;
}

/** Prints one JSON document on stdout: what every command prints with `--json`. */
export function printJson(ctx: CliContext, value: unknown): Promise<void> {
  return ctx.io.out(`${JSON.stringify(value)}\n`);
}

/**
 * Rows as an aligned text table, headings first; `empty` instead when there is no row. Cells are
 * flattened to one line so that one row stays one line (grep, wc -l).
 */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], empty: string): string {
  if (rows.length === 0) return `${empty}\n`;
  const cells = [
    columns.map((c) => c.heading),
    ...rows.map((row) => columns.map((c) => cellText(c.cell(row)))),
  ];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells
    .map(
      (line) =>
        `${line
          .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!)))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}

/** A cell as text: strings as they are, nothing as "", anything else as compact JSON. */
export function cellText(value: unknown): string {
  const text =
    value === undefined || value === null
      ? ""
      : typeof value === "string"
        ? value
        : JSON.stringify(value);
  return text.replace(/\s*\n\s*/g, " ");
}

/** The text form or the JSON form of a result, as `--json` says. */
export function printResult(
  ctx: CliContext,
  json: boolean | undefined,
  value: unknown,
  text: () => string,
): Promise<void> {
  return json ? printJson(ctx, value) : ctx.io.out(text());
}

/** A time the API gives in seconds since the epoch, as ISO 8601 UTC ("" when absent). */
export function secondsToIso(seconds: number | undefined): string {
  return seconds ? new Date(seconds * 1000).toISOString().replace(/\.000Z$/, "Z") : "";
}
