import { settingDefault } from "./app-defaults.js";
import { concrete, type SingletonSpec, type SpecOperation } from "./collections.js";
import { HttpError, type RequestContext } from "./http.js";
import { newObjectId } from "./ids.js";
import { DEFAULT_RULE_ERRORS, settingNotFound } from "./resource-errors.js";
import type { ResourceContext } from "./resource-routes.js";
import { addModelRoute } from "./resource-routes.js";
import { replyFor } from "./responses.js";
import type { AppState } from "./state.js";

/**
 * Registers GET and PUT/PATCH/POST/DELETE of an app's configuration object: a PUT or POST sets it,
 * a PATCH merges into it, a DELETE removes it; a GET answers what was set, else the app's default
 * (`app-defaults.ts`), else 404. Returns the operation ids it routed.
 */
export function registerSettingRoutes(rc: ResourceContext, spec: SingletonSpec): string[] {
  const routed: string[] = [];
  const add = (
    so: SpecOperation | undefined,
    handler: (ctx: RequestContext, app: AppState, key: string) => unknown,
  ) =>
    so &&
    addModelRoute(rc, spec, so, routed, (ctx, app) =>
      replyFor(rc.registry, so.id, so.op, handler(ctx, app, concrete(spec.key, ctx.params))),
    );
  add(spec.get, (_ctx, app, key) => readSetting(app, spec.key, key));
  for (const write of spec.write) {
    add(write, (ctx, app, key) => {
      const body = ctx.json;
      const current = app.store.setting(key);
      if (spec.key.endsWith("/default_rule")) checkDefaultRuleWrite(write.op.method, current, body);
      let next: unknown;
      if (write.op.method === "PATCH") {
        const base = current ?? readSetting(app, spec.key, key, true);
        next = isObject(base) && isObject(body) ? { ...base, ...body } : (body ?? base);
      } else if (write.op.method === "POST" && spec.remove && current !== undefined) {
        // A creatable object (a default rule, a data API config) exists once.
        throw new HttpError(
          409,
          `${spec.key.replace(/[/_{}]/g, " ").trim()} already exists`,
          "AlreadyExists",
        );
      } else {
        next = body ?? {};
        if (spec.remove && isObject(next) && isObject(current) && "_id" in current)
          next = { ...next, _id: current._id };
        else if (spec.remove && isObject(next) && write.op.method === "POST")
          next = { ...next, _id: newObjectId(app.now()) };
      }
      app.store.setSetting(key, next);
      return next;
    });
  }
  add(spec.remove, (_ctx, app, key) => {
    if (spec.key.endsWith("/default_rule") && app.store.setting(key) === undefined)
      throw DEFAULT_RULE_ERRORS.remove();
    const current = readSetting(app, spec.key, key);
    app.store.setSetting(key, undefined);
    return current;
  });
  return routed;
}

/** A configuration object as set, else its default, else 404 (or undefined when `lenient`). */
export function readSetting(
  app: AppState,
  template: string,
  key: string,
  lenient = false,
): unknown {
  const value = app.store.setting(key) ?? settingDefault(template);
  if (value === undefined && !lenient) throw settingNotFound(template);
  return value;
}

/**
 * A default rule is created once (POST) and then updated in place (PUT, its `_id` kept): the
 * spec's answers for the other orders, not the generic setting's.
 */
function checkDefaultRuleWrite(method: string, current: unknown, body: unknown): void {
  if (method === "POST" && current !== undefined) throw DEFAULT_RULE_ERRORS.create();
  if (method !== "PUT") return;
  if (current === undefined) throw DEFAULT_RULE_ERRORS.update();
  const id = isObject(body) ? body._id : undefined;
  if (id !== undefined && isObject(current) && id !== current._id)
    throw DEFAULT_RULE_ERRORS.updateOtherId();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
