import { SETTING_DEFAULTS } from "./app-defaults.js";
import { concrete, type CollectionSpec, type SpecOperation } from "./collections.js";
import { HttpError } from "./http.js";
import type { ResourceContext } from "./resource-routes.js";
import { existing, requireParent } from "./resource-routes.js";
import { replyFor } from "./responses.js";
import { readSetting } from "./setting-routes.js";

/** What an action on an item (`…/{id}/<action>`) does to it; actions not listed change nothing. */
const ACTION_EFFECTS: Record<string, Record<string, unknown>> = {
  enable: { disabled: false },
  disable: { disabled: true },
};

/**
 * Routes what remains of the spec below an app once collections and settings are routed:
 * actions on an item (`enable`, `disable`, `resume`, `logout`, `send`, a user's `devices`) act on
 * the stored item after a 404 check; read-only objects with a default (`data_api/versions`) answer
 * it; service commands that need a real cluster answer 501 with a clear error. Returns the
 * operation ids it routed.
 */
export function registerActionRoutes(
  rc: ResourceContext,
  collections: CollectionSpec[],
  ops: SpecOperation[],
): string[] {
  const routed: string[] = [];
  for (const so of ops) {
    const { method, path } = so.op;
    const norm = (p: string) => p.replace(/\{[^}]+\}/g, "{}");
    const owner = collections
      .filter((c) => norm(path).startsWith(`${norm(c.itemTemplate)}/`))
      .sort((a, b) => b.itemTemplate.length - a.itemTemplate.length)[0];
    const depth = owner ? owner.itemTemplate.split("/").length : 0;
    const below = owner ? path.split("/").slice(depth) : [];
    // The spec sometimes names an item's parameter differently (`services/{datasourceId}/…`).
    const aliases = owner ? paramAliases(owner.itemTemplate, path) : [];
    const alias = (params: Record<string, string>) => {
      for (const [ours, theirs] of aliases) params[ours] ??= params[theirs]!;
    };
    const setting = path.slice(path.indexOf("/apps/{appId}/") + "/apps/{appId}/".length);
    let handler: Parameters<ResourceContext["router"]["add"]>[0]["handler"] | undefined;
    if (owner && below.length === 1 && !below[0]!.startsWith("{")) {
      const effect = ACTION_EFFECTS[below[0]!];
      handler = (ctx) => {
        alias(ctx.params);
        const app = rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!);
        requireParent(app.store, owner, ctx.params);
        let item = existing(app.store, owner, ctx);
        if (effect) {
          item = { ...item, ...effect };
          app.store.put(concrete(owner.key, ctx.params), item._id as string, item);
        }
        // A read below an item (a user's devices) answers from the item: nothing recorded yet.
        return replyFor(rc.registry, so.id, so.op, method === "GET" ? undefined : item);
      };
    } else if (owner) {
      handler = (ctx) => {
        alias(ctx.params);
        const app = rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!);
        requireParent(app.store, owner, ctx.params);
        existing(app.store, owner, ctx);
        throw unsupported(`${method} …/${owner.key}/{${owner.itemParam}}/${below.join("/")}`);
      };
    } else if (method === "GET" && setting in SETTING_DEFAULTS) {
      handler = (ctx) => {
        const app = rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!);
        return replyFor(rc.registry, so.id, so.op, readSetting(app, setting, setting));
      };
    }
    if (!handler) continue;
    const added = rc.router.add({
      method,
      template: path,
      operation: so.id,
      options: { auth: "access" },
      handler,
    });
    if (added) routed.push(so.id);
  }
  return routed;
}

/** Pairs of (our name, the path's name) for parameters at the same place under another name. */
function paramAliases(template: string, path: string): [string, string][] {
  const ours = template.split("/");
  const theirs = path.split("/");
  const out: [string, string][] = [];
  ours.forEach((segment, i) => {
    const a = /^\{([^}]+)\}$/.exec(segment)?.[1];
    const b = /^\{([^}]+)\}$/.exec(theirs[i] ?? "")?.[1];
    if (a && b && a !== b) out.push([a, b]);
  });
  return out;
}

/** 501 for what only a real deployment can do (run a command on a linked cluster). */
export function unsupported(what: string): HttpError {
  return new HttpError(
    501,
    `the emulator cannot run ${what}: it needs a linked Atlas cluster or a JavaScript runtime`,
    "NotSupportedByEmulator",
  );
}
