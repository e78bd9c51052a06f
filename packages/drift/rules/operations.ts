import { methodNames } from "../../../spec/naming.js";
import { refOf } from "../compare/facts.js";
import { namespaceOf } from "../surface.js";
import { q, rule, type Rule } from "./rule.js";

/** Operations appearing, disappearing, moving or being renamed. */
export const operationRules: readonly Rule[] = [
  rule("operation-added", "non-breaking", "A new operation: a new client method.", (ctx) =>
    ctx.matching.added.map((op) => ({
      operation: refOf(op),
      detail: `${named(op.operationId)} added`,
    })),
  ),
  rule(
    "operation-removed",
    "breaking",
    "An operation is gone: its client method disappears and the server no longer serves it.",
    (ctx) =>
      ctx.matching.removed.map((op) => ({
        operation: refOf(op),
        detail: `${named(op.operationId)} removed`,
      })),
  ),
  rule(
    "operation-moved",
    "breaking",
    "Same operationId, other method or path: clients built on the old spec call an endpoint that no longer exists.",
    (ctx) =>
      ctx.facts
        .filter((f) => f.pair.matchedBy === "operationId")
        .map((f) => ({
          operation: f.ref,
          detail: `moved from ${f.pair.old.method} ${f.pair.old.path} to ${f.pair.new.method} ${f.pair.new.path}`,
        })),
  ),
  rule(
    "operation-id-changed",
    "breaking",
    "The operationId changed and with it the generated method name: calls to the old name no longer compile.",
    (ctx) =>
      ctx.facts.flatMap((f) => {
        const { old: before, new: after } = f.pair;
        if (before.operationId === after.operationId) return [];
        const from = methodOf(before.operationId);
        const to = methodOf(after.operationId);
        if (from === to) return [];
        return [
          {
            operation: f.ref,
            detail: `operationId ${q(String(before.operationId))} -> ${q(String(after.operationId))}: method ${q(from)} becomes ${q(to)}`,
          },
        ];
      }),
  ),
  rule(
    "operation-id-respelled",
    "non-breaking",
    "The operationId changed but the generated method name did not (for example an `admin` prefix added or dropped).",
    (ctx) =>
      ctx.facts.flatMap((f) => {
        const { old: before, new: after } = f.pair;
        if (before.operationId === after.operationId) return [];
        if (methodOf(before.operationId) !== methodOf(after.operationId)) return [];
        return [
          {
            operation: f.ref,
            detail: `operationId ${q(String(before.operationId))} -> ${q(String(after.operationId))}; method ${q(methodOf(after.operationId))} unchanged`,
          },
        ];
      }),
  ),
  rule(
    "operation-namespace-changed",
    "breaking",
    "The first tag changed to one with another namespace: the method moves to another client namespace.",
    (ctx) =>
      ctx.facts.flatMap((f) => {
        const from = namespaceOf(f.pair.old);
        const to = namespaceOf(f.pair.new);
        return from === to
          ? []
          : [{ operation: f.ref, detail: `namespace ${q(from)} -> ${q(to)}` }];
      }),
  ),
  rule(
    "path-parameter-renamed",
    "breaking",
    "A path parameter has a new name at the same place in the template: callers pass it by name.",
    (ctx) =>
      ctx.facts.flatMap((f) =>
        f.renames.map((r) => ({
          operation: f.ref,
          location: `path parameter ${r.to}`,
          detail: `path parameter ${q(r.from)} renamed to ${q(r.to)}`,
        })),
      ),
  ),
  rule("operation-deprecated", "non-breaking", "The operation is now marked deprecated.", (ctx) =>
    ctx.facts
      .filter((f) => !f.pair.old.deprecated && f.pair.new.deprecated)
      .map((f) => ({ operation: f.ref, detail: "marked deprecated" })),
  ),
];

function named(operationId: string | null): string {
  return operationId === null ? "operation" : `operation ${q(operationId)}`;
}

function methodOf(operationId: string | null): string {
  return operationId === null ? "(no operationId)" : methodNames(operationId).name;
}
