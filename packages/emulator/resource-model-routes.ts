import { registerActionRoutes } from "./action-routes.js";
import { deriveResourceModel, type SpecOperation } from "./collections.js";
import type { ResourceContext } from "./resource-routes.js";
import { registerCollectionRoutes } from "./resource-routes.js";
import { registerSettingRoutes } from "./setting-routes.js";

/** Which spec operations are answered how: by hand, by the resource model, or not at all. */
export interface RouteCoverage {
  /** Hand-written routes (sessions, apps, logs, hosting, drafts, users, …). */
  handWritten: string[];
  /** Generic list/create/get/update/delete over a collection path of the spec. */
  collections: string[];
  /** Generic get/set of a configuration object of the spec. */
  settings: string[];
  /** Actions on a stored item (`enable`, `disable`, …) and read-only defaults. */
  actions: string[];
  /** Spec operations with no route (answered 404 "no such API path"). */
  unrouted: string[];
}

/**
 * Routes every collection, configuration object and item action the operation schemas describe,
 * after the hand-written routes (which win for the same method and path), and reports coverage.
 */
export function registerModelRoutes(rc: ResourceContext): RouteCoverage {
  const doc = rc.registry!.doc;
  const model = deriveResourceModel(doc);
  const collections = model.collections.flatMap((c) => registerCollectionRoutes(rc, c));
  const settings = model.singletons.flatMap((s) => registerSettingRoutes(rc, s));
  const all: SpecOperation[] = Object.entries(doc.operations).map(([id, op]) => ({ id, op }));
  const actions = registerActionRoutes(rc, model.collections, all);
  const generic = new Set([...collections, ...settings, ...actions]);
  const routed = new Set(
    rc.router.routes().map((r) => `${r.method} ${r.template.replace(/\{[^}]+\}/g, "{}")}`),
  );
  const handWritten: string[] = [];
  const unrouted: string[] = [];
  for (const { id, op } of all) {
    if (generic.has(id)) continue;
    const key = `${op.method} ${op.path.replace(/\{[^}]+\}/g, "{}")}`;
    (routed.has(key) ? handWritten : unrouted).push(id);
  }
  const sort = (list: string[]) => list.sort();
  return {
    handWritten: sort(handWritten),
    collections: sort(collections),
    settings: sort(settings),
    actions: sort(actions),
    unrouted: sort(unrouted),
  };
}
