import type { OperationSchema, OperationSchemasDocument } from "./operation-schemas.js";

/** Where every app-scoped resource lives. */
export const APP_BASE = "/groups/{groupId}/apps/{appId}";

/** One operation of the spec, by id. */
export interface SpecOperation {
  id: string;
  op: OperationSchema;
}

/**
 * A collection path of the spec (`…/functions`, `…/services/{serviceId}/rules`): a template whose
 * items live at `template/{itemParam}`. `key` is the template below the app with the parent's
 * parameters kept (`services/{serviceId}/rules`), so state can be stored per concrete parent.
 */
export interface CollectionSpec {
  template: string;
  itemTemplate: string;
  itemParam: string;
  key: string;
  list?: SpecOperation;
  create?: SpecOperation;
  get?: SpecOperation;
  update?: SpecOperation[];
  remove?: SpecOperation;
  /** The enclosing collection when this one is nested below one of its items. */
  parent?: CollectionSpec;
}

/** A single configuration object of an app (`…/custom_user_data`, `…/hosting/config`). */
export interface SingletonSpec {
  template: string;
  key: string;
  get?: SpecOperation;
  write: SpecOperation[];
  remove?: SpecOperation;
  /** The collection whose item this configuration belongs to (`services/{serviceId}/config`). */
  parent?: CollectionSpec;
}

/** What the spec's paths say about the app's resources. */
export interface ResourceModel {
  collections: CollectionSpec[];
  singletons: SingletonSpec[];
}

const PARAM = /^\{([^}]+)\}$/;

/**
 * Derives the resource model from the operation schemas alone, so a repaired spec with new
 * collection paths is modelled without code changes. A collection is a path under an app that is
 * listed (GET) or created into (POST) and has item operations one `{param}` segment below; a
 * singleton is a path read by GET and written by PUT/PATCH/POST with no items below it.
 */
export function deriveResourceModel(doc: OperationSchemasDocument): ResourceModel {
  const ops: SpecOperation[] = Object.entries(doc.operations)
    .map(([id, op]) => ({ id, op }))
    .filter(({ op }) => op.path.startsWith(`${APP_BASE}/`))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const at = (method: string, path: string) =>
    ops.filter((o) => o.op.method === method && o.op.path === path);
  const paths = [...new Set(ops.map((o) => o.op.path))].sort();

  const collections = new Map<string, CollectionSpec>();
  for (const path of paths) {
    if (PARAM.test(last(path))) continue;
    const items = paths.filter((p) => isChild(path, p));
    const itemTemplate = items[0];
    if (!itemTemplate) continue;
    const [list] = at("GET", path);
    const [create] = at("POST", path);
    if (!list && !create) continue;
    const spec: CollectionSpec = {
      template: path,
      itemTemplate,
      itemParam: PARAM.exec(last(itemTemplate))![1]!,
      key: path.slice(APP_BASE.length + 1),
      list,
      create,
      get: at("GET", itemTemplate)[0],
      update: [...at("PUT", itemTemplate), ...at("PATCH", itemTemplate)],
      remove: at("DELETE", itemTemplate)[0],
    };
    collections.set(path, spec);
  }
  for (const spec of collections.values()) {
    const parentItem = spec.template.slice(0, spec.template.lastIndexOf("/"));
    spec.parent = [...collections.values()].find((c) => c.itemTemplate === parentItem);
  }

  const singletons: SingletonSpec[] = [];
  for (const path of paths) {
    if (collections.has(path) || [...collections.values()].some((c) => c.itemTemplate === path))
      continue;
    const [get] = at("GET", path);
    const write = [...at("PUT", path), ...at("PATCH", path), ...at("POST", path)];
    if (!get || !write.length) continue;
    singletons.push({
      template: path,
      key: path.slice(APP_BASE.length + 1),
      get,
      write,
      remove: at("DELETE", path)[0],
      parent: [...collections.values()].find((c) => path.startsWith(`${c.itemTemplate}/`)),
    });
  }
  return { collections: [...collections.values()], singletons };
}

function last(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function isChild(parent: string, path: string): boolean {
  return path.startsWith(`${parent}/`) && !path.slice(parent.length + 1).includes("/")
    ? PARAM.test(last(path))
    : false;
}

/** Fills a template's `{params}` from a request's params (`services/{serviceId}/rules` -> `services/abc/rules`). */
export function concrete(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}
