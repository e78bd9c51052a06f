import { randomBytes } from "node:crypto";
import { APP_BASE } from "./collections.js";
import { HttpError, invalidParameter, type RequestContext } from "./http.js";
import { newObjectId } from "./ids.js";
import type { CollectionHooks, ResourceContext } from "./resource-routes.js";
import type { Resource, ResourceStore } from "./resource-store.js";
import { replyFor } from "./responses.js";
import type { AppState } from "./state.js";

const USERS = "users";
/** "At most 50 results per request" (spec adminListUsers, docs 002 "List users"). */
export const USERS_PAGE_SIZE = 50;

/**
 * Registers the user list (pages of 50 by `_id`, `after`, `desc`, `sort`, and the `status` /
 * `provider_types` filters the official CLI sends: realm-cli internal/cloud/realm/user.go), the
 * email/password user create, and the pending-user list (always empty: the emulator confirms every
 * user it creates). Get, delete, enable, disable and logout are the generic item routes.
 */
export function registerUserRoutes(rc: ResourceContext): void {
  const route = (
    method: string,
    path: string,
    operation: string,
    handler: (ctx: RequestContext, app: AppState) => unknown,
  ) =>
    rc.router.add({
      method,
      template: APP_BASE + path,
      operation,
      options: { auth: "access", commaLists: ["provider_types"] },
      handler: (ctx) => {
        const app = rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!);
        const op = rc.registry?.operation(operation);
        const data = handler(ctx, app);
        return op ? replyFor(rc.registry, operation, op, data) : { status: 200, body: data };
      },
    });
  route("GET", "/users", "adminListUsers", (ctx, app) => listUsers(app.store, ctx.query));
  route("POST", "/users", "adminCreateUser", (ctx, app) => {
    const { email, password } = (ctx.json ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== "string" || !email.includes("@"))
      throw invalidParameter("body.email", "must be an email address");
    if (typeof password !== "string" || password.length < 6)
      throw invalidParameter("body.password", "must be at least 6 characters");
    for (const user of app.store.list(USERS))
      if ((user.data as { email?: string } | undefined)?.email === email)
        throw new HttpError(
          409,
          `a user with email '${email}' already exists`,
          "UserAlreadyExists",
        );
    return addUser(app, "local-userpass", randomBytes(12).toString("hex"), { email });
  });
  route("GET", "/user_registrations/pending_users", "adminListPendingUsers", () => []);
}

/** Collection hooks: an API key answers its secret `key` once, and logs in as a user of its own. */
export const userHooks: Record<string, CollectionHooks> = {
  api_keys: {
    created: (key, app) => {
      key.disabled = false;
      key.key = randomBytes(32).toString("hex");
      // realm-cli user_ext_test.go: each API key shows up as a user whose one identity has the key's id.
      addUser(app, "api-key", key._id as string, { name: key.name });
    },
    onceFields: ["key"],
    deleting: (key, app) => {
      for (const user of app.store.list(USERS))
        if ((user.identities as { id?: string }[])?.[0]?.id === key._id)
          app.store.delete(USERS, user._id as string);
    },
  },
};

/** Stores a user with one identity of the given provider type and returns it. */
function addUser(
  app: AppState,
  providerType: string,
  identityId: string,
  data: Resource,
): Resource {
  const provider = app.store.list("auth_providers").find((p) => p.type === providerType);
  const _id = newObjectId(app.now());
  const now = Math.floor(app.now() / 1000);
  const user: Resource = {
    _id,
    identities: [
      {
        id: identityId,
        provider_type: providerType,
        provider_id: (provider?._id as string | undefined) ?? newObjectId(app.now()),
        ...(providerType === "local-userpass" ? { provider_data: { email: data.email } } : {}),
      },
    ],
    type: providerType === "api-key" ? "server" : "normal",
    creation_date: now,
    last_authentication_date: 0,
    disabled: false,
    data,
  };
  app.store.put(USERS, _id, user);
  return user;
}

/** One page of users, filtered, sorted by `_id`, starting after `after`. */
export function listUsers(store: ResourceStore, query: URLSearchParams): Resource[] {
  const sort = query.get("sort");
  if (sort !== null && sort !== "_id")
    throw invalidParameter(
      "query parameter 'sort'",
      `'${sort}' is not supported; the only valid value is _id`,
    );
  const desc = query.get("desc") === "true";
  const status = query.get("status");
  if (status !== null && status !== "enabled" && status !== "disabled")
    throw invalidParameter(
      "query parameter 'status'",
      `'${status}' must be one of enabled, disabled`,
    );
  const types = query.get("provider_types")?.split(",").filter(Boolean);
  const after = query.get("after");
  let users = store.list(USERS).sort((a, b) => ((a._id as string) < (b._id as string) ? -1 : 1));
  if (desc) users.reverse();
  if (status) users = users.filter((u) => (u.disabled === true) === (status === "disabled"));
  if (types?.length)
    users = users.filter((u) =>
      (u.identities as { provider_type?: string }[] | undefined)?.some((i) =>
        types.includes(i.provider_type ?? ""),
      ),
    );
  if (after)
    users = users.filter((u) => (desc ? (u._id as string) < after : (u._id as string) > after));
  return users.slice(0, USERS_PAGE_SIZE);
}
