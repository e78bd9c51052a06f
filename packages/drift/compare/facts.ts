import type { OperationModel, ParameterModel, ContentModel } from "../model/operations.js";
import type { OperationRef } from "../types.js";
import type { OperationPair } from "./match-operations.js";
import type { SchemaDiffer } from "./schema-diff.js";
import type { SchemaDelta } from "./schema-delta.js";

/** A path parameter whose name changed at the same place in the template. */
export interface PathRename {
  from: string;
  to: string;
}

/** One parameter of a matched operation, on either or both sides, with its schema differences. */
export interface ParameterFact {
  key: string;
  old?: ParameterModel;
  new?: ParameterModel;
  deltas: SchemaDelta[];
}

/** Differences of one schema (a body or response media type) between the two sides. */
export interface SchemaFact {
  /** `request body application/json`, `response 200 application/json`. */
  location: string;
  deltas: SchemaDelta[];
}

/** Everything the per-operation rules look at for one matched operation, computed once. */
export interface PairFacts {
  pair: OperationPair;
  ref: OperationRef;
  renames: PathRename[];
  parameters: ParameterFact[];
  request: SchemaFact[];
  responses: SchemaFact[];
}

/** True for a success status code (`200`…`299`, `2XX`). */
export function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/** The reference of an operation in reports. */
export function refOf(op: OperationModel): OperationRef {
  return { method: op.method, path: op.path, operationId: op.operationId };
}

/** Compares the parameters, request bodies and success responses of a matched operation. */
export function pairFacts(pair: OperationPair, differ: SchemaDiffer): PairFacts {
  const renames = pathRenames(pair.old, pair.new);
  const renamed = new Map(renames.map((r) => [`path:${r.from}`, `path:${r.to}`]));
  const olds = new Map(
    [...pair.old.parameters.values()].map((p) => [renamed.get(p.key) ?? p.key, p]),
  );
  const keys = [...new Set([...olds.keys(), ...pair.new.parameters.keys()])].sort();
  const parameters = keys.map((key): ParameterFact => {
    const before = olds.get(key);
    const after = pair.new.parameters.get(key);
    const deltas = before && after ? differ.diff(before.schema, after.schema) : [];
    return { key, old: before, new: after, deltas };
  });
  const request: SchemaFact[] = [];
  if (pair.old.requestBody && pair.new.requestBody) {
    compareContent(
      "request body",
      pair.old.requestBody.content,
      pair.new.requestBody.content,
      differ,
      request,
    );
  }
  const responses: SchemaFact[] = [];
  for (const [before, after] of successPairs(pair.old, pair.new)) {
    const label = before === after ? `response ${after}` : `response ${before}→${after}`;
    compareContent(
      label,
      pair.old.responses.get(before)!,
      pair.new.responses.get(after)!,
      differ,
      responses,
    );
  }
  return { pair, ref: refOf(pair.new), renames, parameters, request, responses };
}

/** Renames of path parameters at the same template position (templates match by key). */
export function pathRenames(before: OperationModel, after: OperationModel): PathRename[] {
  if (before.templateNames.length !== after.templateNames.length) return [];
  const out: PathRename[] = [];
  before.templateNames.forEach((from, i) => {
    const to = after.templateNames[i]!;
    if (from !== to) out.push({ from, to });
  });
  return out;
}

/**
 * Success statuses compared with each other: the same codes on both sides, or, when the
 * operation had exactly one success status and now has exactly one other, that pair.
 */
export function successPairs(before: OperationModel, after: OperationModel): [string, string][] {
  const olds = [...before.responses.keys()].filter(isSuccess).sort();
  const news = [...after.responses.keys()].filter(isSuccess).sort();
  const common = olds.filter((s) => news.includes(s)).map((s): [string, string] => [s, s]);
  if (common.length === 0 && olds.length === 1 && news.length === 1) return [[olds[0]!, news[0]!]];
  return common;
}

function compareContent(
  label: string,
  before: ContentModel,
  after: ContentModel,
  differ: SchemaDiffer,
  out: SchemaFact[],
): void {
  const shared = [...before.keys()].filter((m) => after.has(m)).sort();
  for (const mediaType of shared) {
    const deltas = differ.diff(before.get(mediaType), after.get(mediaType));
    if (deltas.length > 0) out.push({ location: `${label} ${mediaType}`, deltas });
  }
}
