import type { AdminClient } from "appservices-admin";
import type { ProviderType, User } from "appservices-admin/types";
import { UsageError } from "./exit-codes.js";
import { listed } from "./listed.js";

/** Every provider type a user can come from (the official CLI's `--provider` values). */
export const PROVIDER_TYPES = [
  "local-userpass",
  "api-key",
  "oauth2-facebook",
  "oauth2-google",
  "anon-user",
  "custom-token",
  "oauth2-apple",
  "custom-function",
] as const satisfies readonly ProviderType[];
// Fails to compile when the spec gains a provider type this list lacks.
const _allProviders: Exclude<ProviderType, (typeof PROVIDER_TYPES)[number]> extends never
  ? true
  : never = true;
void _allProviders;

/** `--provider`: every value a provider type, else a usage error listing them. */
export function checkProviders(given: readonly string[]): void {
  const unknown = given.filter((p) => !(PROVIDER_TYPES as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new UsageError(
      `--provider takes ${PROVIDER_TYPES.join(", ")}; got ${unknown.map((u) => `"${u}"`).join(", ")}`,
    );
  }
}

/** The documented page size of the users list ("At most 50 results per request"). */
export const USERS_PAGE_SIZE = 50;

/** The filters of `users list`, as the official CLI sends them. */
export interface UserFilters {
  /** `enabled` or `disabled`: the `status` query parameter. */
  state?: "enabled" | "disabled" | undefined;
  /** Provider types (`local-userpass`, `api-key`, ...): the `provider_types` query parameter. */
  providers?: readonly string[] | undefined;
  /** Pending email/password registrations instead of confirmed users. */
  pending?: boolean | undefined;
}

/**
 * Every user the filters select, page by page: each request asks for the users after the last
 * `_id` of the page before (`after`), and a page shorter than the page size is the last. The
 * filters are sent as the official CLI sends them (`status`, `provider_types`) and also applied
 * here, so a server that ignores them still yields only what was asked.
 */
export async function* listUsers(
  admin: AdminClient,
  ids: { groupId: string; appId: string },
  filters: UserFilters,
  signal: AbortSignal,
): AsyncGenerator<User> {
  const provider_types = filters.providers?.length ? filters.providers.join(",") : undefined;
  let after: string | undefined;
  for (;;) {
    const page = listed<User>(
      filters.pending
        ? await admin.users.listPendingUsers({ ...ids, after }, { signal })
        : await admin.users.listUsers(
            { ...ids, after, status: filters.state, provider_types },
            { signal },
          ),
      filters.pending ? "pending users" : "users",
    );
    for (const user of page) if (matches(user, filters)) yield user;
    const last = page.at(-1)?._id;
    if (page.length < USERS_PAGE_SIZE || last === undefined || last === after) return;
    after = last;
  }
}

/** Whether a user is of the state and (one of) the provider types the filters name. */
export function matches(user: User, filters: UserFilters): boolean {
  if (filters.state === "enabled" && user.disabled === true) return false;
  if (filters.state === "disabled" && user.disabled !== true) return false;
  if (filters.providers?.length) {
    const types = (user.identities ?? []).map((i) => i.provider_type as string);
    if (!filters.providers.some((p) => types.includes(p))) return false;
  }
  return true;
}
