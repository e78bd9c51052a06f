import type { DriftResult } from "../drift.js";
import { DOCUMENTATION_RULES } from "../rules/documentation.js";
import type { DriftInputError } from "../source.js";
import type { SurfaceNames } from "../surface.js";
import { SEVERITIES, type Change, type Severity } from "../types.js";

/** Findings listed under one rule before the rest is summarised as "… and N more". */
export const MAX_ITEMS = 8;

const TITLES: Record<Severity, string> = {
  breaking: "Breaking",
  "potentially-breaking": "Potentially breaking",
  "non-breaking": "Non-breaking",
};

/**
 * A pull-request comment: one headline, a section per severity listing each rule with the
 * operations it affects (documentation-only changes in one line, long lists truncated with a
 * count), then the generated client surface.
 */
export function renderMarkdown(result: DriftResult): string {
  const lines = [...headline(result), ""];
  for (const severity of SEVERITIES) {
    const changes = result.changes.filter((c) => c.severity === severity);
    if (changes.length === 0) continue;
    lines.push(`### ${TITLES[severity]} (${changes.length})`, "");
    const docs = changes.filter((c) => DOCUMENTATION_RULES.has(c.rule));
    const byRule = new Map<string, Change[]>();
    for (const c of changes) {
      if (!DOCUMENTATION_RULES.has(c.rule)) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
    }
    for (const [rule, list] of [...byRule].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      lines.push(`- **${rule}** (${list.length})`);
      for (const c of list.slice(0, MAX_ITEMS)) lines.push(`  - ${item(c)}`);
      if (list.length > MAX_ITEMS) lines.push(`  - … and ${list.length - MAX_ITEMS} more`);
    }
    if (docs.length > 0) lines.push(`- Documentation only: ${docSummary(docs)}`);
    lines.push("");
  }
  lines.push(...surface(result), "");
  const { old: before, new: after } = result.specs;
  lines.push(
    `<sub>old: \`${before.source}\` (sha256 ${before.sha256.slice(0, 12)}), new: \`${after.source}\` (sha256 ${after.sha256.slice(0, 12)}); both repaired before comparison. Full list: the same command with \`--format json\`.</sub>`,
  );
  return lines.join("\n") + "\n";
}

/** The Markdown form of an unusable input. */
export function renderMarkdownError(error: DriftInputError): string {
  const where =
    (error.line !== undefined
      ? ` at line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ""}`
      : "") + (error.pointer ? ` (\`${error.pointer}\`)` : "");
  return [
    "## ⛔ API drift: unusable input",
    "",
    `The ${error.side} spec \`${error.source}\` cannot be compared${where}: ${error.detail} (${error.reason}).`,
    "",
  ].join("\n");
}

function headline(result: DriftResult): string[] {
  const { summary: s, operations: o } = result;
  const total = s.breaking + s["potentially-breaking"] + s["non-breaking"];
  const title =
    s.breaking > 0
      ? "## ⚠️ API drift: breaking changes"
      : s["potentially-breaking"] > 0
        ? "## ⚠️ API drift: potentially breaking changes, nothing definitely breaking"
        : total > 0
          ? "## ✅ API drift: no breaking changes"
          : "## ✅ API drift: no changes";
  return [
    title,
    "",
    `**${s.breaking} breaking**, ${s["potentially-breaking"]} potentially breaking, ${s["non-breaking"]} non-breaking. ` +
      `Operations ${o.old} → ${o.new}: ${o.added} added, ${o.removed} removed, ${o.changed} changed.`,
  ];
}

function item(c: Change): string {
  const op = c.method !== null ? `\`${c.method} ${c.path}\`` : "";
  const where = c.location !== null ? ` (${c.location})` : "";
  const folded = c.folded ? ` (+${c.folded} folded)` : "";
  return `${op}${op ? where : where.trim()}${op || where ? ": " : ""}${c.detail}${folded}`;
}

function docSummary(docs: readonly Change[]): string {
  const ops = docs.filter((c) => c.rule === "operation-documentation-changed").length;
  const schemas = docs.filter((c) => c.rule === "schema-documentation-changed").length;
  const spec = docs
    .filter((c) => c.rule === "spec-documentation-changed")
    .flatMap((c) => c.location?.split(", ") ?? []);
  const parts = [
    ops > 0 ? `${ops} operation${ops === 1 ? "" : "s"}` : "",
    schemas > 0 ? `${schemas} schema${schemas === 1 ? "" : "s"}` : "",
    spec.length > 0 ? spec.join(", ") : "",
  ].filter(Boolean);
  return parts.join(", ") + ".";
}

function surface(result: DriftResult): string[] {
  const { methods, models } = result.surface;
  const lines = ["### Generated client surface", ""];
  const rows = [...names("Methods", methods), ...names("Model types", models)];
  return rows.length === 0
    ? [...lines, "No method or model type added, removed or renamed."]
    : [...lines, ...rows];
}

function names(label: string, n: SurfaceNames): string[] {
  const out: string[] = [];
  const list = (items: string[]) =>
    items
      .slice(0, MAX_ITEMS)
      .map((i) => `\`${i}\``)
      .join(", ") + (items.length > MAX_ITEMS ? ` and ${items.length - MAX_ITEMS} more` : "");
  if (n.added.length > 0) out.push(`- ${label} added (${n.added.length}): ${list(n.added)}`);
  if (n.removed.length > 0)
    out.push(`- ${label} removed (${n.removed.length}): ${list(n.removed)}`);
  if (n.renamed.length > 0) {
    out.push(
      `- ${label} renamed (${n.renamed.length}): ${list(n.renamed.map((r) => `${r.from}\` → \`${r.to}`))}`,
    );
  }
  return out;
}
