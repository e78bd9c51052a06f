import { PRINT_WIDTH } from "./prettier-layout.js";

/**
 * JSON as prettier prints it (what `JSON.stringify(value, null, 2)` gives, except that an array
 * of plain values stays on one line when it fits, and an array of numbers that does not is filled
 * line by line), with a final newline.
 */
export function jsonText(value: unknown): string {
  return `${print(value, "", "")}\n`;
}

function print(value: unknown, indent: string, before: string, after = ""): string {
  const flat = flatText(value);
  if (flat !== undefined && !Array.isArray(value)) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (flat !== undefined && (before + flat + after).length <= PRINT_WIDTH) return flat;
    if (value.length > 0 && value.every((v) => typeof v === "number")) {
      return `[\n${fill(value.map(String), inner)}\n${indent}]`;
    }
    const items = value.map(
      (v, i) => inner + print(v, inner, inner, i < value.length - 1 ? "," : ""),
    );
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  const lines = entries.map(([k, v], i) => {
    const key = `${inner}${JSON.stringify(k)}: `;
    return key + print(v, inner, key, i < entries.length - 1 ? "," : "");
  });
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

/** The one-line text of a value prettier never breaks, if it is one. */
function flatText(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map(flatText);
    return items.every((i) => i !== undefined) ? `[${items.join(", ")}]` : undefined;
  }
  return Object.values(value).some((v) => v !== undefined) ? undefined : "{}";
}

/** Numbers as prettier's `fill` lays them out: as many per line as fit. */
function fill(items: string[], indent: string): string {
  const lines: string[] = [];
  let line = "";
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? "," : "");
    if (line && (indent + line + " " + piece).length > PRINT_WIDTH) {
      lines.push(indent + line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  });
  lines.push(indent + line);
  return lines.join("\n");
}
