import type { Reply, RequestContext } from "./http.js";
import { newObjectId, objectIdFrom } from "./ids.js";
import { classify, missing, successResponse, type GenericKind } from "./generic-classify.js";
import { fit, idField, isObject, synthesizeValid, type Fitting } from "./generic-shape.js";
import type { JsonSchema, OperationSchema } from "./operation-schemas.js";
import type { Router } from "./router.js";
import { flatten } from "./schema-merge.js";
import type { SchemaRegistry } from "./schema-registry.js";
import type { EmulatorState } from "./state.js";

/** Resources the generic layer has created, changed or deleted, by concrete path. */
export class GenericStore {
  readonly items = new Map<string, Record<string, unknown>>();
  readonly created = new Map<string, string[]>();
  readonly deleted = new Set<string>();
}

/** Which spec operations the generic layer answers, and which have hand-written routes instead. */
export interface GenericCoverage {
  generic: string[];
  handWritten: string[];
}

const LIST_LENGTH = 2;

/**
 * Answers every spec operation without a hand-written route: validated like all routes, then
 * answered from the schemas. Reads are synthesised per resource path (deterministic), creates are
 * remembered and listed, updates merge into the resource, deletes make it 404.
 */
export function registerGenericRoutes(
  router: Router,
  registry: SchemaRegistry,
  state: EmulatorState,
  store: GenericStore,
): GenericCoverage {
  const coverage: GenericCoverage = { generic: [], handWritten: [] };
  const ops = Object.entries(registry.doc.operations).sort(([a], [b]) => (a < b ? -1 : 1));
  const all = ops.map(([, op]) => op);
  const resolve = (ref: string) => registry.resolveRef(ref);
  for (const [id, op] of ops) {
    const env: Env = { id, op, kind: classify(op, all, resolve), ops, registry, state, store };
    const added = router.add({
      method: op.method,
      template: op.path,
      operation: id,
      options: { auth: "access" },
      handler: (ctx) => answer(ctx, env),
    });
    (added ? coverage.generic : coverage.handWritten).push(id);
  }
  return coverage;
}

interface Env {
  id: string;
  op: OperationSchema;
  kind: GenericKind;
  ops: [string, OperationSchema][];
  registry: SchemaRegistry;
  state: EmulatorState;
  store: GenericStore;
}

/** A schema and the fitting that checks against it. */
interface Shape {
  schema: JsonSchema;
  fitting: Fitting;
}

function answer(ctx: RequestContext, env: Env): Reply {
  const { groupId, appId } = ctx.params;
  if (groupId !== undefined) env.state.requireGroup(groupId);
  if (groupId !== undefined && appId !== undefined) env.state.requireApp(groupId, appId);
  const { status, response } = successResponse(env.op);
  const out =
    response.mediaType && response.schema ? shape(env, env.id, status, response.schema) : undefined;
  const { store } = env;
  const path = ctx.path;
  const body = isObject(ctx.json) ? ctx.json : {};
  const reply = (data: (s: Shape) => unknown): Reply =>
    out ? { status, body: data(out) } : { status };

  switch (env.kind) {
    case "list":
      return reply((s) => list(path, s, env));
    case "get-item":
    case "get-singleton":
      if (store.deleted.has(path)) throw missing(path);
      return reply((s) =>
        present(path, s, store.items.get(path) ?? withId(path, s), response.example),
      );
    case "create": {
      const id = newObjectId();
      const itemPath = `${path}/${id}`;
      const resource = reader(`${env.op.path}/{}`, env) ?? out;
      const data = { ...body, ...(resource ? withId(itemPath, resource) : {}) };
      const fitted = resource ? fit(resource.schema, itemPath, data, resource.fitting) : data;
      store.items.set(itemPath, isObject(fitted) ? { ...fitted, ...data } : data);
      store.created.set(path, [...(store.created.get(path) ?? []), id]);
      return reply((s) => present(itemPath, s, store.items.get(itemPath)!));
    }
    case "update-item":
    case "update-singleton": {
      if (store.deleted.has(path)) throw missing(path);
      store.items.set(path, {
        ...(store.items.get(path) ?? synthesised(path, reader(env.op.path, env))),
        ...body,
      });
      return reply((s) => present(path, s, store.items.get(path)!));
    }
    case "delete-item":
    case "delete-singleton":
      if (store.deleted.has(path)) throw missing(path);
      store.deleted.add(path);
      store.items.delete(path);
      return reply((s) => synthesizeValid(s.schema, `${ctx.method} ${path}`, s.fitting));
    default:
      return reply((s) => present(`${ctx.method} ${path}`, s, {}, response.example));
  }
}

/** Synthesised entries (ids derived from the path) plus created ones, minus deleted ones. */
function list(path: string, s: Shape, env: Env): unknown {
  const items = flatten(s.schema, s.fitting.resolve, () => 0).items;
  if (!isObject(items)) return synthesizeValid(s.schema, path, s.fitting);
  // Each entry is fitted on its own, seeded by its own path, as a projection of the resource a
  // get of that path returns, so the fields they share agree.
  const entry: Shape = {
    schema: items,
    fitting: { resolve: s.fitting.resolve, check: (v) => s.fitting.check([v]) },
  };
  const resource = reader(`${env.op.path}/{}`, env);
  const ids = [
    ...Array.from({ length: LIST_LENGTH }, (_, i) => objectIdFrom(`${path}#${i}`)),
    ...(env.store.created.get(path) ?? []),
  ];
  return ids
    .map((id) => `${path}/${id}`)
    .filter((itemPath) => !env.store.deleted.has(itemPath))
    .map((itemPath) =>
      fit(
        items,
        itemPath,
        {
          ...(env.store.items.get(itemPath) ?? synthesised(itemPath, resource)),
          ...withId(itemPath, entry),
        },
        entry.fitting,
      ),
    );
}

function present(
  path: string,
  s: Shape,
  data: Record<string, unknown>,
  example?: unknown,
): unknown {
  if (example !== undefined && !Object.keys(data).length && !s.fitting.check(example))
    return structuredClone(example);
  return fit(s.schema, path, data, s.fitting);
}

/** The resource at `path` as a get would synthesise it (empty when no get describes it). */
function synthesised(path: string, resource: Shape | undefined): Record<string, unknown> {
  if (!resource) return {};
  const value = fit(resource.schema, path, withId(path, resource), resource.fitting);
  return isObject(value) ? value : {};
}

/** `{_id: <last path segment>}` when the schema has an id field. */
function withId(path: string, s: Shape): Record<string, unknown> {
  const field = idField(s.schema, s.fitting.resolve);
  return field ? { [field]: path.slice(path.lastIndexOf("/") + 1) } : {};
}

function shape(env: Env, id: string, status: number, schema: JsonSchema): Shape {
  return {
    schema,
    fitting: {
      resolve: (r) => env.registry.resolveRef(r),
      check: env.registry.check(`${id}:${status}`, schema),
    },
  };
}

/** What the spec's GET of `template` returns (`…/{}` matches any trailing parameter). */
function reader(template: string, env: Env): Shape | undefined {
  const norm = (p: string) => p.replace(/\{[^}]+\}$/, "{}");
  const found = env.ops.find(([, o]) => o.method === "GET" && norm(o.path) === norm(template));
  if (!found) return undefined;
  const { status, response } = successResponse(found[1]);
  return response.schema ? shape(env, found[0], status, response.schema) : undefined;
}
