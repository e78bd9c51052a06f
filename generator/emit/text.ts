/**
 * Writing TypeScript as prettier lays it out, for the shapes the generator emits: JSDoc blocks,
 * imports, signatures and arrays that stay on one line when they fit and break one item per
 * line when they do not. Anything these helpers cannot settle (a type too long for its line) is
 * left long and laid out by prettier-layout.ts.
 */
import { PRINT_WIDTH } from "./prettier-layout.js";
import { docText, propertyKey } from "./ts-syntax.js";

/**
 * A JSDoc block at `indent`, always multi-line (prettier leaves those as they are): paragraphs
 * (empty ones dropped) separated by a blank line, then tags. Empty when there is nothing to say.
 */
export function jsDoc(
  indent: string,
  paragraphs: readonly (string | undefined)[],
  tags: readonly { tag: string; text?: string }[] = [],
): string {
  const text = paragraphs.filter((p): p is string => !!p && p.trim() !== "").map(docText);
  const lines = [
    ...text.flatMap((p, i) => [...(i > 0 ? [""] : []), ...p.split("\n")]),
    ...tags.map((t) => `@${t.tag}${t.text ? ` ${docText(t.text)}` : ""}`),
  ];
  if (lines.length === 0) return "";
  const body = lines.map((l) => `${indent} *${l.trim() === "" ? "" : ` ${l.trimEnd()}`}`);
  return `${indent}/**\n${body.join("\n")}\n${indent} */\n`;
}

/** `import { a, type B } from "x";`, broken one name per line when it does not fit. */
export function importLine(names: readonly string[], from: string, typeOnly = false): string {
  const head = typeOnly ? "import type" : "import";
  const flat = `${head} { ${names.join(", ")} } from "${from}";`;
  if (flat.length <= PRINT_WIDTH) return `${flat}\n`;
  return `${head} {\n${names.map((n) => `  ${n},\n`).join("")}} from "${from}";\n`;
}

/**
 * `head<T>(a, b): ret` then `tail`: on one line when it fits, else one parameter per line with a
 * trailing comma, as prettier breaks a parameter list. Type parameters (`typeParams`, without the
 * angle brackets) break one per line too when `head<...>(` alone does not fit (the parameters are
 * then broken as well, as prettier does); each must fit on its own line.
 */
export function signature(
  indent: string,
  head: string,
  params: readonly string[],
  ret: string,
  tail: string,
  typeParams: readonly string[] = [],
): string {
  const angle = typeParams.length ? `<${typeParams.join(", ")}>` : "";
  const flat = `${indent}${head}${angle}(${params.join(", ")})${ret}${tail}`;
  if (flat.length <= PRINT_WIDTH || params.length === 0) return `${flat}\n`;
  const opener = `${indent}${head}${angle}(`;
  if (!angle || opener.length <= PRINT_WIDTH) return broken(opener);
  const typeLines = typeParams.map((t) => `${indent}  ${t},\n`).join("");
  return `${indent}${head}<\n${typeLines}${broken(`${indent}>(`)}`;

  function broken(open: string): string {
    const inner = params.map((p) => `${indent}  ${p},\n`).join("");
    return `${open}\n${inner}${indent})${ret}${tail}\n`;
  }
}

/** `callee(a, b)` after `prefix` and before `suffix`: flat when it fits, else one argument per line. */
export function callText(
  indent: string,
  prefix: string,
  callee: string,
  args: readonly string[],
  suffix: string,
): string {
  const flat = `${indent}${prefix}${callee}(${args.join(", ")})${suffix}`;
  if (flat.length <= PRINT_WIDTH || args.length === 0) return `${flat}\n`;
  return `${indent}${prefix}${callee}(\n${args.map((a) => `${indent}  ${a},\n`).join("")}${indent})${suffix}\n`;
}

/** `[a, b]` after `prefix` and before `suffix`: flat when it fits, else one item per line. */
export function arrayLiteral(
  indent: string,
  prefix: string,
  items: readonly string[],
  suffix: string,
): string {
  const flat = `${indent}${prefix}[${items.join(", ")}]${suffix}`;
  if (flat.length <= PRINT_WIDTH || items.length === 0) return `${flat}\n`;
  return `${indent}${prefix}[\n${items.map((i) => `${indent}  ${i},\n`).join("")}${indent}]${suffix}\n`;
}

/** `name: type;` for an object type member (`name?:` when optional), key quoted when it must be. */
export function member(indent: string, name: string, type: string, optional = false): string {
  return `${indent}${propertyKey(name)}${optional ? "?" : ""}: ${type};\n`;
}

/**
 * `export type X = T;`, or where that is too long and `T` is a plain indexed-access chain (which
 * prettier cannot break), `T` on the next line, as prettier puts it; anything else is left to
 * prettier-layout.ts.
 */
export function typeAlias(name: string, type: string): string {
  const line = `export type ${name} = ${type};\n`;
  const chain = /^[\w$]+(?:\[(?:"[^"]*"|\d+)\])+$/.test(type);
  return line.length - 1 > PRINT_WIDTH && chain ? `export type ${name} =\n  ${type};\n` : line;
}
