import { HttpError } from "./http.js";
import { newObjectId } from "./ids.js";
import type { Resource, ResourceStore } from "./resource-store.js";

/**
 * Makes a collection what the configuration lists, by identity (default `name`), keeping the ids
 * and the places of resources that stay; new ones come after them in the configuration's order;
 * with `merge`, the others stay too. Places kept: realm-cli's import matches resources by name
 * (internal/cloud/realm/import.go, `replace-by-name`), so listing a configuration's functions in
 * another order changes no function; that the server's listings then keep their order is a
 * guess (not observed).
 */
export function replaceByName(
  store: ResourceStore,
  key: string,
  incoming: Resource[],
  merge: boolean,
  identity: (r: Resource) => string = (r) => String(r.name),
): Resource[] {
  const current = store.list(key);
  const ids = new Map(current.map((r) => [identity(r), r._id as string]));
  const seen = new Set<string>();
  const resources = incoming.map((r) => {
    const id = identity(r);
    if (seen.has(id))
      throw new HttpError(
        400,
        `duplicate ${key.replace(/^.*\//, "")} '${id}' in the configuration`,
        "InvalidParameter",
      );
    seen.add(id);
    return { ...r, _id: ids.get(id) ?? newObjectId(store.now()) };
  });
  const byIdentity = new Map(resources.map((r) => [identity(r), r]));
  const stayed = current.flatMap((r) => {
    const id = identity(r);
    const now = byIdentity.get(id);
    byIdentity.delete(id);
    return now ? [now] : merge ? [r] : [];
  });
  store.replaceCollection(key, [...stayed, ...byIdentity.values()]);
  return resources;
}
