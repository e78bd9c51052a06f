import { modelName } from "../../../spec/naming.js";
import { describeDelta, listValues } from "../compare/describe.js";
import { refOf } from "../compare/facts.js";
import type { OperationModel } from "../model/operations.js";
import type { SchemaReach } from "../model/reachability.js";
import { surfaceDiff } from "../surface.js";
import type { Finding } from "../types.js";
import { q, rule, type DriftContext, type Rule } from "./rule.js";

function model(schema: string): string {
  try {
    return modelName(schema);
  } catch {
    return schema;
  }
}

function schemaRef(name: string): { $ref: string } {
  return {
    $ref: `#/components/schemas/${name
      .split("/")
      .map((s) => s.replace(/~/g, "~0"))
      .join("/")}`,
  };
}

/** Schemas each operation reaches, cached per operation (each belongs to one spec model). */
const reached = new WeakMap<OperationModel, Set<string>>();
function reachedBy(op: OperationModel, reach: SchemaReach): Set<string> {
  let names = reached.get(op);
  if (!names) reached.set(op, (names = reach.from([op.raw, op.pathItem.parameters])));
  return names;
}

function removedSchemas(ctx: DriftContext): string[] {
  const now = new Set(ctx.new.schemaNames);
  return ctx.old.schemaNames.filter((s) => !now.has(s));
}

/** Component schemas: each is an exported model type of the generated client. */
export const componentRules: readonly Rule[] = [
  rule(
    "schema-added",
    "non-breaking",
    "A new component schema: a new exported model type.",
    (ctx) => {
      const before = new Set(ctx.old.schemaNames);
      return ctx.new.schemaNames
        .filter((s) => !before.has(s))
        .map((s) => ({ schema: s, detail: `schema ${q(s)} added (model ${q(model(s))})` }));
    },
  ),
  rule(
    "schema-removed",
    "breaking",
    "A component schema is gone: its exported model type disappears. Folded into the removed operation when only removed operations used it.",
    (ctx) => {
      const renamed = new Map(
        surfaceDiff(ctx.old, ctx.new, ctx.matching).models.renamed.map((r) => [r.from, r.to]),
      );
      const removed = new Set(ctx.matching.removed);
      return removedSchemas(ctx).map((s): Finding => {
        const users = ctx.old.operations.filter((op) => reachedBy(op, ctx.old.reach).has(s));
        const onlyRemoved = users.length > 0 && users.every((op) => removed.has(op));
        const twin = renamed.get(model(s));
        const detail = `schema ${q(s)} removed (model ${q(model(s))}${twin ? `; same shape as the new model ${q(twin)}` : ""})`;
        return onlyRemoved
          ? { operation: refOf(users[0]!), schema: s, detail }
          : { schema: s, detail };
      });
    },
  ),
  rule(
    "schema-changed",
    "potentially-breaking",
    "A component schema no operation uses changed: only its exported model type is affected, in an unknown direction.",
    (ctx) => {
      const used = new Set<string>();
      for (const op of ctx.new.operations)
        for (const s of reachedBy(op, ctx.new.reach)) used.add(s);
      const before = new Set(ctx.old.schemaNames);
      return ctx.new.schemaNames
        .filter((s) => before.has(s) && !used.has(s))
        .flatMap((s): Finding[] => {
          const deltas = ctx.differ.diff(schemaRef(s), schemaRef(s));
          if (deltas.length === 0) return [];
          const shown = listValues(deltas.map(describeDelta));
          return [{ schema: s, location: `schema ${s}`, detail: `model ${q(model(s))}: ${shown}` }];
        });
    },
  ),
];
