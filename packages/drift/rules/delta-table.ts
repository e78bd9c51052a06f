import { describeDelta } from "../compare/describe.js";
import type { PairFacts, SchemaFact } from "../compare/facts.js";
import type { DeltaKind, SchemaDelta } from "../compare/schema-delta.js";
import type { Severity } from "../types.js";
import { rule, type Rule } from "./rule.js";

/** Which way the data travels: what the client sends or what it receives. */
export type Direction = "request" | "response";

/** One rule of a table: its id, severity and the schema differences it reports. */
export interface Row {
  id: string;
  severity: Severity;
  summary: string;
  kinds: readonly DeltaKind[];
  /** Further condition on the delta (e.g. only required additions). */
  when?: (delta: SchemaDelta) => boolean;
}

/**
 * One rule per row: the schema differences of request bodies (or success response bodies) of the
 * given kinds. A property that never travels in that direction (readOnly in a request, writeOnly
 * in a response) is left out.
 */
export function table(direction: Direction, rows: readonly Row[]): Rule[] {
  const skip = direction === "request" ? "readOnly" : "writeOnly";
  return rows.map((row) =>
    rule(row.id, row.severity, row.summary, (ctx) =>
      ctx.facts.flatMap((facts: PairFacts) =>
        (direction === "request" ? facts.request : facts.responses).flatMap((fact: SchemaFact) =>
          fact.deltas
            .filter(
              (d) => row.kinds.includes(d.kind) && d.access !== skip && (row.when?.(d) ?? true),
            )
            .map((d) => ({
              operation: facts.ref,
              location: fact.location,
              detail: describeDelta(d),
            })),
        ),
      ),
    ),
  );
}
