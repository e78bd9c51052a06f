import { checkFileNames } from "./file-names.js";
import { concrete, type CollectionSpec, type SpecOperation } from "./collections.js";
import type { Reply, RequestContext } from "./http.js";
import { newObjectId } from "./ids.js";
import { resourceExists, resourceNotFound } from "./resource-errors.js";
import type { Resource, ResourceStore } from "./resource-store.js";
import { replyFor } from "./responses.js";
import type { Router } from "./router.js";
import type { SchemaRegistry } from "./schema-registry.js";
import { flatten } from "./schema-merge.js";
import type { AppState, EmulatorState } from "./state.js";

/** What a collection does beyond plain CRUD (one per collection key, where needed). */
export interface CollectionHooks {
  /** Adds server-assigned fields to a new resource; may touch other state (an API key's user). */
  created?: (resource: Resource, app: AppState, ctx: RequestContext) => void;
  /** Fields the create call answers once and the server never shows again (an API key's `key`). */
  onceFields?: string[];
  /**
   * A field besides `name` that no two resources share (an access list's `address`), checked on
   * the resource as stored: after `created` has filled it in.
   */
  uniqueField?: string;
  /** Called before a resource is deleted. */
  deleting?: (resource: Resource, app: AppState) => void;
}

/** Everything routes over the resource model need. */
export interface ResourceContext {
  router: Router;
  state: EmulatorState;
  registry?: SchemaRegistry;
  hooks: Record<string, CollectionHooks>;
}

/**
 * Registers list/create/get/update/delete for every collection of the model that has no
 * hand-written route: state-backed, 404 (with the server's wording where known) for unknown ids,
 * 409 for a second resource of the same name, answers shaped by the response schemas.
 * Returns the operation ids it routed.
 */
export function registerCollectionRoutes(rc: ResourceContext, spec: CollectionSpec): string[] {
  const routed: string[] = [];
  const add = (
    so: SpecOperation | undefined,
    handler: (ctx: RequestContext, app: AppState) => Reply,
  ) => addModelRoute(rc, spec, so, routed, handler);
  const key = (ctx: RequestContext) => concrete(spec.key, ctx.params);
  const reply = (so: SpecOperation, data: unknown) => replyFor(rc.registry, so.id, so.op, data);
  const hooks = rc.hooks[spec.key] ?? {};

  add(spec.list, (ctx, app) => {
    const items = app.store.list(key(ctx));
    return reply(spec.list!, wrapList(rc.registry, spec.list!, items));
  });
  add(spec.create, (ctx, app) => {
    const body = isObject(ctx.json) ? ctx.json : {};
    const k = key(ctx);
    unique(app.store, k, body);
    const resource: Resource = { ...body, _id: newObjectId(rc.state.now()) };
    if (declares(rc.registry, spec, "last_modified")) resource.last_modified = nowSeconds(app);
    hooks.created?.(resource, app, ctx);
    uniqueBy(app.store, k, resource, hooks.uniqueField);
    const stored = { ...resource };
    for (const field of hooks.onceFields ?? []) delete stored[field];
    app.store.put(k, resource._id as string, stored);
    return reply(spec.create!, resource);
  });
  add(spec.get, (ctx, app) => reply(spec.get!, existing(app.store, spec, ctx)));
  for (const update of spec.update ?? []) {
    add(update, (ctx, app) => {
      const current = existing(app.store, spec, ctx);
      const body = isObject(ctx.json) ? ctx.json : {};
      const k = key(ctx);
      unique(app.store, k, body, current._id as string);
      // PUT replaces the resource's configuration, PATCH merges into it; server fields stay.
      const next: Resource =
        update.op.method === "PUT" && Object.keys(body).length
          ? { ...serverFields(current), ...body, _id: current._id }
          : { ...current, ...body, _id: current._id };
      uniqueBy(app.store, k, next, hooks.uniqueField);
      if ("last_modified" in current) next.last_modified = nowSeconds(app);
      app.store.put(k, current._id as string, next);
      return reply(update, next);
    });
  }
  add(spec.remove, (ctx, app) => {
    const current = existing(app.store, spec, ctx);
    hooks.deleting?.(current, app);
    app.store.delete(key(ctx), current._id as string);
    return reply(spec.remove!, current);
  });
  return routed;
}

/**
 * Routes a spec operation over an app's state: 404 for an unknown project, app or parent item
 * before the handler runs; the operation id goes into `routed` unless a hand-written route won.
 */
export function addModelRoute(
  rc: ResourceContext,
  spec: { parent?: CollectionSpec },
  so: SpecOperation | undefined,
  routed: string[],
  handler: (ctx: RequestContext, app: AppState) => Reply,
): void {
  if (!so) return;
  const added = rc.router.add({
    method: so.op.method,
    template: so.op.path,
    operation: so.id,
    options: { auth: "access" },
    handler: (ctx) => {
      const app = rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!);
      requireParent(app.store, spec, ctx.params);
      return handler(ctx, app);
    },
  });
  if (added) routed.push(so.id);
}

/** The stored item a request names, or the collection's 404. */
export function existing(
  store: ResourceStore,
  spec: CollectionSpec,
  ctx: RequestContext,
): Resource {
  const id = ctx.params[spec.itemParam]!;
  const found = store.get(concrete(spec.key, ctx.params), id);
  if (!found) throw resourceNotFound(spec.key, id);
  return found;
}

/** 404 when a nested collection's parent item (a service of its rules) does not exist. */
export function requireParent(
  store: ResourceStore,
  spec: { parent?: CollectionSpec },
  params: Record<string, string>,
): void {
  const parent = spec.parent;
  if (!parent) return;
  requireParent(store, parent, params);
  const id = params[parent.itemParam]!;
  if (!store.has(concrete(parent.key, params), id)) throw resourceNotFound(parent.key, id);
}

/** A list answered as an object (`{allowed_ips: [...]}`) puts the items in its one array property. */
function wrapList(
  registry: SchemaRegistry | undefined,
  so: SpecOperation,
  items: Resource[],
): unknown {
  const schema = so.op.responses?.["200"]?.schema;
  if (!registry || !schema) return items;
  const flat = flatten(
    schema,
    (r) => registry.resolveRef(r),
    () => 0,
  );
  if (flat.type === "array" || flat.items) return items;
  const props = (flat.properties ?? {}) as Record<string, Record<string, unknown>>;
  const arrayProp = Object.entries(props).find(([, p]) => p.type === "array")?.[0];
  return arrayProp ? { [arrayProp]: items } : items;
}

/** 409 when another resource of the collection has the same `name` (guess: the server's uniqueness rule). */
function unique(store: ResourceStore, key: string, body: Resource, self?: string): void {
  checkFileNames(key, "body", body);
  if (typeof body.name !== "string") return;
  for (const other of store.list(key))
    if (other.name === body.name && other._id !== self)
      throw resourceExists(key, "name", body.name);
}

/** 409 when another resource of the collection holds the same value of `field`. */
function uniqueBy(
  store: ResourceStore,
  key: string,
  resource: Resource,
  field: string | undefined,
): void {
  if (field === undefined || resource[field] === undefined) return;
  const value = resource[field];
  for (const other of store.list(key))
    if (other[field] === value && other._id !== resource._id)
      throw resourceExists(key, field, String(value));
}

/** Whether a collection's responses declare a field (then the server assigns it). */
function declares(
  registry: SchemaRegistry | undefined,
  spec: CollectionSpec,
  field: string,
): boolean {
  if (!registry) return false;
  const resolve = (r: string) => registry.resolveRef(r);
  for (const so of [spec.get, spec.list]) {
    const schema = so?.op.responses?.["200"]?.schema;
    if (!schema) continue;
    let flat = flatten(schema, resolve, () => 0);
    if (flat.items) flat = flatten(flat.items as Record<string, unknown>, resolve, () => 0);
    if (field in ((flat.properties ?? {}) as object)) return true;
  }
  return false;
}

function serverFields(resource: Resource): Resource {
  const out: Resource = {};
  for (const k of ["_id", "last_modified"]) if (k in resource) out[k] = resource[k];
  return out;
}

function nowSeconds(app: AppState): number {
  return Math.floor(app.now() / 1000);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
