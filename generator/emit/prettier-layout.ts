import type { Options } from "prettier";

/** The project's prettier options (.prettierrc.json), for the few statements formatted here. */
export const PRINT_WIDTH = 100;
const OPTIONS: Options = { parser: "babel-ts", printWidth: PRINT_WIDTH, trailingComma: "all" };

const COMMENT = /^\s*(\/\*\*|\*)/;

/**
 * A line of code prettier would lay out otherwise: one over the print width, one of a union
 * with an object type in it (prettier puts every member of such a union on its own line, unless
 * the union is only the object and `null`), or an intersection of a named type and an object or
 * parenthesised type (prettier breaks it after the name's `&`).
 */
const isLong = (line: string) =>
  !COMMENT.test(line) &&
  ((line.length > PRINT_WIDTH && !settled(line)) ||
    / \| .*\{$/.test(line) ||
    /^export type [\w$]+ = [\w$]+ & .*[{(]$/.test(line) ||
    (/^\s*[})\]]+ \|/.test(line) && !/^\s*\} \| null;$/.test(line)));

/**
 * TypeScript in the layout prettier gives it, from text that already has prettier's layout
 * wherever its lines fit (two-space indentation, one member per line, objects expanded, double
 * quotes): only the statements with a line prettier would lay out otherwise are handed to
 * prettier, or with `members`, where every nested statement is an object type's member (schema.ts),
 * only those members, each inside as many wrapping object types as it is deep, so it is laid out
 * at its own indentation. Comment lines never count (prettier does not reflow comments). Prettier is
 * loaded only when some statement needs it; on the pinned spec a few dozen do.
 */
/**
 * A long line prettier cannot break either: a member whose type is a plain name or indexed-access
 * chain (`key?: operations["x"]["y"];`), or that opens an object type (`"key": {`), or whose value
 * is a string (`path: "...",`).
 */
function settled(line: string): boolean {
  const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return /^\s*(?:[\w$]+|"")\??: (?:[\w$.]+(?:\[(?:""|\d+)\])*;|\{|"",)$/.test(code);
}

export async function prettierLayout(text: string, members = false): Promise<string> {
  const lines = text.split("\n");
  if (!lines.some(isLong)) return text;
  const { format } = await import("prettier");
  const out: string[] = [];
  let done = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!isLong(lines[i]!)) continue;
    // Members of object types are laid out on their own; anything else as a whole statement.
    const depth = members ? indentOf(lines[i]!) : 0;
    let start = i;
    // The statement starts at its indentation, on a line that does not close something (a line
    // opening with a closer continues the statement above it).
    while (
      indentOf(lines[start]!) !== depth ||
      /^\s*[})\]]/.test(lines[start]!) ||
      COMMENT.test(lines[start]!)
    )
      start--;
    let end = Math.max(i, start);
    while (!(indentOf(lines[end]!) === depth && /(;|^\s*\})\s*$/.test(lines[end]!))) end++;
    for (let k = done; k < start; k++) out.push(lines[k]!);
    out.push(...(await formatAt(format, lines.slice(start, end + 1), depth)));
    done = end + 1;
    i = end;
  }
  for (let k = done; k < lines.length; k++) out.push(lines[k]!);
  return out.join("\n");
}

/** Formats a member at `depth` spaces of indentation inside wrapping object types. */
async function formatAt(
  format: (text: string, options: Options) => Promise<string>,
  member: string[],
  depth: number,
): Promise<string[]> {
  const levels = depth / 2;
  const open = Array.from({ length: levels }, (_, k) =>
    k === 0 ? "type __ = {" : `${"  ".repeat(k)}__: {`,
  );
  const close = Array.from({ length: levels }, (_, k) => `${"  ".repeat(levels - 1 - k)}};`);
  const formatted = (await format([...open, ...member, ...close].join("\n"), OPTIONS)).split("\n");
  // prettier ends with a newline; the wrapper's lines come off both ends.
  return formatted.slice(levels, formatted.length - 1 - levels);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
