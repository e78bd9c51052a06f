import { isSuccess, type PairFacts } from "../compare/facts.js";
import { splitDocs } from "../model/canonical.js";
import type { OperationModel } from "../model/operations.js";
import type { SpecModel } from "../model/spec-model.js";
import { isObject } from "../../../spec/json.js";
import { DOCUMENTATION_RULES } from "./documentation.js";
import { componentsOf, sameRaw } from "./raw.js";
import { rule, type Rule } from "./rule.js";

/** Refs to shared parameters, bodies, responses and headers whose shape differs between the specs. */
function changedComponents(before: SpecModel, after: SpecModel): Set<string> {
  const changed = new Set<string>();
  const [a, b] = [componentsOf(before), componentsOf(after)];
  for (const kind of ["parameters", "requestBodies", "responses", "headers"]) {
    const [x, y] = [isObject(a[kind]) ? a[kind] : {}, isObject(b[kind]) ? b[kind] : {}];
    for (const name of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (splitDocs(x[name]).shape !== splitDocs(y[name]).shape)
        changed.add(`#/components/${kind}/${name}`);
    }
  }
  return changed;
}

/** True when the operation (or its path item) points at one of `refs`. */
function uses(op: OperationModel, refs: ReadonlySet<string>): boolean {
  if (refs.size === 0) return false;
  const stack: unknown[] = [op.raw, op.pathItem.parameters];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (isObject(node)) {
      if (typeof node.$ref === "string" && refs.has(node.$ref)) return true;
      for (const item of Object.values(node)) stack.push(item);
    }
  }
  return false;
}

/** A body or response with its media types' schemas left out (the property rules compare those). */
function withoutSchemas(holder: unknown): unknown {
  if (!isObject(holder) || !isObject(holder.content)) return holder;
  const content: Record<string, unknown> = {};
  for (const [mediaType, media] of Object.entries(holder.content)) {
    content[mediaType] = isObject(media) ? { ...media, schema: undefined } : media;
  }
  return { ...holder, content };
}

/**
 * What of an operation no other rule compares, without documentation: error responses, response
 * headers and links, encodings, callbacks and any other keyword (non-schema refs followed).
 * Parameters, request body and success response schemas, tags and the operationId are left out:
 * their own rules judge them (structurally, so a dialect change does not show up here).
 */
function opShape(facts: PairFacts, side: "old" | "new", spec: SpecModel): string {
  const op = facts.pair[side];
  const {
    parameters: _p,
    requestBody,
    responses: rawResponses,
    tags: _t,
    operationId: _o,
    ...rest
  } = op.raw;
  const responses: Record<string, unknown> = {};
  if (isObject(rawResponses)) {
    for (const [status, r] of Object.entries(rawResponses)) {
      const response = spec.resolver.deref(r) ?? r;
      responses[status] = isSuccess(status) ? withoutSchemas(response) : response;
    }
  }
  const body = withoutSchemas(spec.resolver.deref(requestBody) ?? requestBody);
  return splitDocs({ requestBody: body, responses, rest }).shape;
}

/**
 * The last rule: it lists operations that changed while no earlier rule said anything about them,
 * so a change outside what the rules model is seen rather than silently dropped.
 */
export const fallbackRules: readonly Rule[] = [
  rule(
    "operation-other-change",
    "non-breaking",
    "An operation changed in a way no other rule classifies (error response bodies, headers, a renamed schema reference): listed so nothing goes unseen.",
    (ctx, earlier) => {
      const seen = new Set(
        earlier
          .filter((f) => f.operation && !DOCUMENTATION_RULES.has(f.rule.id))
          .map((f) => `${f.operation!.method} ${f.operation!.path}`),
      );
      const shared = changedComponents(ctx.old, ctx.new);
      return (
        ctx.facts
          .filter((f) => !seen.has(`${f.ref.method} ${f.ref.path}`))
          // Same raw operation and no changed shared component: nothing to compare.
          .filter((f) => !sameRaw(f) || uses(f.pair.old, shared))
          .filter((f) => opShape(f, "old", ctx.old) !== opShape(f, "new", ctx.new))
          .map((f) => ({
            operation: f.ref,
            detail: "changed outside what the rules compare (see the spec diff)",
          }))
      );
    },
  ),
];
