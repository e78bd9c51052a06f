import { methodNames, modelName, namespaceName } from "../../spec/naming.js";
import { isObject } from "../../spec/json.js";
import type { OperationMatching } from "./compare/match-operations.js";
import { splitDocs } from "./model/canonical.js";
import type { OperationModel } from "./model/operations.js";
import type { SpecModel } from "./model/spec-model.js";

/** A name that changed for the same operation or the same schema. */
export interface SurfaceRename {
  from: string;
  to: string;
}

/** Added, removed and renamed names of one kind. */
export interface SurfaceNames {
  added: string[];
  removed: string[];
  renamed: SurfaceRename[];
}

/**
 * How the generated client's public surface changes: namespace methods (`apps.listApplications`,
 * deprecated aliases included) and exported model types, named with `spec/naming.ts`.
 */
export interface SurfaceDiff {
  methods: SurfaceNames;
  models: SurfaceNames;
}

/**
 * The namespace the generator puts an operation in: the camelCase of its first tag. An operation
 * without a usable tag gets a placeholder that cannot collide with a real namespace.
 */
export function namespaceOf(op: OperationModel): string {
  const tag = op.tags[0];
  if (tag === undefined) return "(untagged)";
  try {
    return namespaceName(tag);
  } catch {
    return `(tag ${JSON.stringify(tag)})`;
  }
}

/** `ns.method` for the published name, plus `ns.alias` for a deprecated alias. */
function methodEntries(op: OperationModel): { primary: string; all: string[] } {
  const ns = namespaceOf(op);
  if (op.operationId === null) {
    const primary = `${ns}.(${op.method} ${op.path})`;
    return { primary, all: [primary] };
  }
  const { name, deprecatedAlias } = methodNames(op.operationId);
  const primary = `${ns}.${name}`;
  return {
    primary,
    all: deprecatedAlias ? [primary, `${ns}.${deprecatedAlias} (deprecated alias)`] : [primary],
  };
}

/** Computes the client-surface difference of two specs from their operation matching. */
export function surfaceDiff(
  before: SpecModel,
  after: SpecModel,
  matching: OperationMatching,
): SurfaceDiff {
  const oldMethods = new Set(before.operations.flatMap((op) => methodEntries(op).all));
  const newMethods = new Set(after.operations.flatMap((op) => methodEntries(op).all));
  const renamed: SurfaceRename[] = [];
  for (const pair of matching.pairs) {
    const from = methodEntries(pair.old).primary;
    const to = methodEntries(pair.new).primary;
    if (from !== to && !newMethods.has(from) && !oldMethods.has(to)) renamed.push({ from, to });
  }
  return {
    methods: names(oldMethods, newMethods, renamed),
    models: modelDiff(before, after),
  };
}

function modelDiff(before: SpecModel, after: SpecModel): SurfaceNames {
  const olds = models(before);
  const news = models(after);
  const gone = [...olds.keys()].filter((m) => !news.has(m));
  const fresh = [...news.keys()].filter((m) => !olds.has(m));
  const renamed: SurfaceRename[] = [];
  // A model is renamed when exactly one removed and one added schema have the same shape.
  const shapes = (list: string[], all: Map<string, string>, spec: SpecModel) =>
    list.map((m) => ({ model: m, shape: shapeOf(spec, all.get(m)!) }));
  const goneShapes = shapes(gone, olds, before);
  const freshShapes = shapes(fresh, news, after);
  for (const g of goneShapes) {
    const twins = freshShapes.filter((f) => f.shape === g.shape);
    if (twins.length === 1 && goneShapes.filter((x) => x.shape === g.shape).length === 1) {
      renamed.push({ from: g.model, to: twins[0]!.model });
    }
  }
  return names(new Set(olds.keys()), new Set(news.keys()), renamed);
}

function names(before: Set<string>, after: Set<string>, renamed: SurfaceRename[]): SurfaceNames {
  const from = new Set(renamed.map((r) => r.from));
  const to = new Set(renamed.map((r) => r.to));
  return {
    added: [...after].filter((n) => !before.has(n) && !to.has(n)).sort(),
    removed: [...before].filter((n) => !after.has(n) && !from.has(n)).sort(),
    renamed: renamed.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
  };
}

/** Exported model type name -> component schema name. */
function models(spec: SpecModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const schema of spec.schemaNames) {
    let name: string;
    try {
      name = modelName(schema);
    } catch {
      name = `(schema ${JSON.stringify(schema)})`;
    }
    if (!out.has(name)) out.set(name, schema);
  }
  return out;
}

function shapeOf(spec: SpecModel, schema: string): string {
  const schemas = spec.doc.components;
  const node = isObject(schemas) && isObject(schemas.schemas) ? schemas.schemas[schema] : undefined;
  return splitDocs(node).shape;
}
