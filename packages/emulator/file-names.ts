import { invalidParameter } from "./http.js";
import type { Resource } from "./resource-store.js";

/**
 * Whether a name, or a path made of names, can step out of its folder once a zip holding it is
 * extracted (zip slip: `functions/../../evil.js`): a `.` or `..` segment, split at `/` and at `\`
 * (a separator on Windows), or a NUL (C extractors end the path there, `..\0` is `..`).
 */
export function leavesFolder(path: string): boolean {
  return path.includes("\0") || path.split(/[/\\]/).some((s) => s === "." || s === "..");
}

/** The fields that name a resource's file or folder in the configuration files. */
const PATH_FIELDS = ["name", "database", "collection", "on_type", "field_name"];

/** The collections whose resources the configuration files are named after. */
const FILE_NAMED =
  /^(functions|values|triggers|log_forwarders|auth_providers|graphql\/custom_resolvers|services(\/[^/]+\/(rules|incoming_webhooks))?)$/;

/**
 * Refuses a resource of the collection `key` whose name would make a file outside its folder in
 * an export (400 naming the field below `where`): the real server's names are ASCII letters,
 * digits, `_` and `-` (App Services docs: values, secrets, services, triggers, rules).
 */
export function checkFileNames(key: string, where: string, resource: Resource): void {
  // A collection schema's namespace names its folder beside the rules (`<db>/<coll>/schema.json`).
  if (key === "schemas" && typeof resource.metadata === "object" && resource.metadata !== null)
    return checkFileNames("services/-/rules", `${where}.metadata`, resource.metadata as Resource);
  if (!FILE_NAMED.test(key)) return;
  for (const field of PATH_FIELDS) {
    const value = resource[field];
    if (typeof value === "string" && leavesFolder(value))
      throw invalidParameter(
        `${where}.${field}`,
        `'${value}' has a '.' or '..' path segment (or a NUL): it names a file of the app's configuration`,
      );
  }
}
