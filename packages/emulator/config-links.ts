import { invalidParameter } from "./http.js";
import type { Resource, ResourceStore } from "./resource-store.js";

/** One reference from a resource to another by name (in files) and by id (in the API). */
interface Link {
  name: string[];
  id: string[];
  /** The collection the referenced resource lives in. */
  target: "functions" | "services";
}

const fn = (...at: string[]): Link => ({
  name: [...at, "function_name"],
  id: [...at, "function_id"],
  target: "functions",
});

/**
 * References by collection. Configuration files name what they refer to (realm-cli
 * import_export_test.go imports triggers with `config.service_name` and
 * `event_processors.FUNCTION.config.function_name`, endpoints and custom resolvers with
 * `function_name`, and exports them unchanged); the API's resources carry the ids (spec:
 * `DatabaseTrigger.config.service_id`, `BaseEndpoint.function_id`, `BaseCustomResolver.function_id`).
 */
const LINKS: Record<string, Link[]> = {
  triggers: [
    fn(),
    fn("event_processors", "FUNCTION", "config"),
    { name: ["config", "service_name"], id: ["config", "service_id"], target: "services" },
  ],
  endpoints: [fn()],
  "graphql/custom_resolvers": [fn()],
};

/**
 * A resource of `collection` with the id of every resource it names by name filled in (an
 * import). A name that matches nothing is a 400 when `strict`, else left without an id.
 */
export function withLinkIds(
  collection: string,
  resource: Resource,
  store: ResourceStore,
  strict: boolean,
): Resource {
  const links = LINKS[collection];
  if (!links) return resource;
  const out = structuredClone(resource);
  for (const link of links) {
    const name = read(out, link.name);
    if (typeof name !== "string") continue;
    const found = store.list(link.target).find((r) => r.name === name);
    if (found) write(out, link.id, found._id);
    else if (strict)
      throw invalidParameter(
        `${collection.replace(/^.*\//, "")} '${String(resource.name ?? resource.route ?? resource.field_name)}'`,
        `${link.name.join(".")} names no ${link.target.slice(0, -1)} '${name}'`,
      );
  }
  return out;
}

/**
 * A resource of `collection` as a configuration file has it: every id it refers by replaced by
 * the name of what it refers to (an id that matches nothing stays). With `keepIds`, the ids stay
 * beside the names (the app's configuration as JSON, which the spec types with the ids).
 */
export function withLinkNames(
  collection: string,
  resource: Resource,
  store: ResourceStore,
  keepIds = false,
): Resource {
  const links = LINKS[collection];
  if (!links) return resource;
  const out = structuredClone(resource);
  for (const link of links) {
    const id = read(out, link.id);
    if (typeof id !== "string") continue;
    if (read(out, link.name) === undefined) {
      const found = id === "" ? undefined : store.get(link.target, id);
      if (found) write(out, link.name, found.name);
    }
    if (!keepIds && read(out, link.name) !== undefined) remove(out, link.id);
  }
  return out;
}

function read(resource: Resource, path: string[]): unknown {
  let at: unknown = resource;
  for (const key of path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Resource)[key];
  }
  return at;
}

function write(resource: Resource, path: string[], value: unknown): void {
  const parent = read(resource, path.slice(0, -1));
  if (typeof parent === "object" && parent !== null) (parent as Resource)[path.at(-1)!] = value;
}

function remove(resource: Resource, path: string[]): void {
  const parent = read(resource, path.slice(0, -1));
  if (typeof parent === "object" && parent !== null) delete (parent as Resource)[path.at(-1)!];
}
