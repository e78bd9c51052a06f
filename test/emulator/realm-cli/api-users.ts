/** App users and API keys, as realm-cli's `user.go` requests them. */
import type { AppRef } from "./api-app-resources.js";
import { appPath } from "./api-apps.js";
import * as shapes from "./shapes.js";

const path = ({ groupId, appId }: AppRef, suffix: string) => appPath(groupId, appId) + suffix;

/** A decoded `realm.User`. */
export type RealmUser = {
  _id: string;
  disabled: boolean;
  identities?: { id: string; provider_type: string }[];
  data?: Record<string, unknown>;
} & Record<string, unknown>;

/** `CreateAPIKey`: `POST .../api_keys` with `{name}`, 201. */
export const createApiKey = (app: AppRef, name: string) =>
  app.client.json("create api key", 201, shapes.APIKey, "POST", path(app, "/api_keys"), {
    json: { name },
  });

/** `CreateUser`: `POST .../users` with `{email, password}`, 201. */
export const createUser = (app: AppRef, email: string, password: string): Promise<RealmUser> =>
  app.client.json("create user", 201, shapes.User, "POST", path(app, "/users"), {
    json: { email, password },
  });

/** `DeleteUser`: `DELETE .../users/{id}`, 204. */
export const deleteUser = (app: AppRef, userId: string) =>
  app.client.send("delete user", 204, "DELETE", path(app, `/users/${userId}`));

/** `DisableUser`: `PUT .../users/{id}/disable` without a body, 204. */
export const disableUser = (app: AppRef, userId: string) =>
  app.client.send("disable user", 204, "PUT", path(app, `/users/${userId}/disable`));

/** `EnableUser`: `PUT .../users/{id}/enable` without a body, 204. */
export const enableUser = (app: AppRef, userId: string) =>
  app.client.send("enable user", 204, "PUT", path(app, `/users/${userId}/enable`));

/** `RevokeUserSessions`: `PUT .../users/{id}/logout` without a body, 204. */
export const revokeUserSessions = (app: AppRef, userId: string) =>
  app.client.send("revoke user", 204, "PUT", path(app, `/users/${userId}/logout`));

/** `realm.UserFilter`. */
export interface UserFilter {
  ids?: string[];
  pending?: boolean;
  providers?: string[];
  state?: "" | "enabled" | "disabled";
}

const getUser = (app: AppRef, userId: string): Promise<RealmUser> =>
  app.client.json("get user", 200, shapes.User, "GET", path(app, `/users/${userId}`));

/**
 * `FindUsers`: pending users from `GET .../user_registrations/pending_users`; without ids one
 * `GET .../users?status=&provider_types=a,b`; with ids one `GET .../users/{id}` each, filtered here
 * by state and provider as the CLI filters them.
 */
export async function findUsers(app: AppRef, filter: UserFilter = {}): Promise<RealmUser[]> {
  const many = { array: shapes.User };
  if (filter.pending) {
    const pending = "/user_registrations/pending_users";
    const users = await app.client.json("get pending users", 200, many, "GET", path(app, pending));
    // The CLI's id filter here appends to the wrong slice; no test passes ids with `pending`.
    if (filter.ids?.length) throw new Error("findUsers: pending users by id is not translated");
    return users;
  }
  if (!filter.ids?.length) {
    const query: Record<string, string> = {};
    if (filter.state) query.status = filter.state;
    if (filter.providers?.length) query.provider_types = filter.providers.join(",");
    return app.client.json("get users", 200, many, "GET", path(app, "/users"), { query });
  }
  const users: RealmUser[] = [];
  for (const id of filter.ids) {
    const user = await getUser(app, id);
    if (filter.state === "enabled" && user.disabled) continue;
    if (filter.state === "disabled" && !user.disabled) continue;
    users.push(user);
  }
  if (!filter.providers?.length) return users;
  const wanted = new Set(filter.providers);
  return users.filter((u) => (u.identities ?? []).some((i) => wanted.has(i.provider_type)));
}
