import { APP_BASE } from "./collections.js";
import { invalidParameter } from "./http.js";
import type { JsonSchema } from "./operation-schemas.js";
import type { Resource } from "./resource-store.js";
import type { SchemaRegistry } from "./schema-registry.js";

/**
 * Whether a name, or a path made of names, can step out of its folder once a zip holding it is
 * extracted (zip slip: `functions/../../evil.js`): a `.` or `..` segment, split at `/` and at `\`
 * (a separator on Windows), or a NUL (C extractors end the path there, `..\0` is `..`).
 */
export function leavesFolder(path: string): boolean {
  return path.includes("\0") || path.split(/[/\\]/).some((s) => s === "." || s === "..");
}

/**
 * Where a resource stands, for an error: a place in the JSON body (`body.values[1]`, its fields
 * follow a dot) or a phrase that puts the field in words (`name in zip entry 'values/x.json'`).
 */
export type Where = string | ((field: string) => string);

/** The place of `field` of the resource at `where`. */
export function fieldAt(where: Where, field: string): string {
  return typeof where === "string" ? `${where}.${field}` : where(field);
}

/** The fields that name a resource's file or folder in the configuration files. */
const PATH_FIELDS = ["name", "database", "collection", "on_type", "field_name"];

/** The collections whose resources the configuration files are named after. */
const FILE_NAMED =
  /^(functions|values|triggers|log_forwarders|auth_providers|graphql\/custom_resolvers|services(\/[^/]+\/(rules|incoming_webhooks))?)$/;

/**
 * The collections whose `name` is one segment of its file's path (`triggers/<name>.json`,
 * `services/<name>/config.json`): a `/` there makes a folder the files are not read back from.
 * Not functions: a function's name is its source's path (`utils/helper` is `utils/helper.js`).
 */
const ONE_SEGMENT =
  /^(values|triggers|log_forwarders|services(\/[^/]+\/(rules|incoming_webhooks))?)$/;

/**
 * Refuses a resource of the collection `key` whose name would make a file outside its folder in
 * an export (400 naming the field below `where`): the real server's names are ASCII letters,
 * digits, `_` and `-` (App Services docs: values, secrets, services, triggers, rules).
 */
export function checkFileNames(key: string, where: Where, resource: Resource): void {
  // A collection schema's namespace names its folder beside the rules (`<db>/<coll>/schema.json`).
  if (key === "schemas" && typeof resource.metadata === "object" && resource.metadata !== null)
    return checkFileNames(
      "services/-/rules",
      fieldAt(where, "metadata"),
      resource.metadata as Resource,
    );
  if (!FILE_NAMED.test(key)) return;
  for (const field of PATH_FIELDS) {
    const value = resource[field];
    if (typeof value === "string" && leavesFolder(value))
      throw invalidParameter(
        fieldAt(where, field),
        `'${value}' has a '.' or '..' path segment (or a NUL): it names a file of the app's configuration`,
      );
  }
  // The documented rule (ASCII letters, digits, `_`, `-`, from the operation schemas) refuses it
  // too; without those schemas, an export would still write what no import reads back.
  const name = resource.name;
  if (typeof name === "string" && ONE_SEGMENT.test(key) && /[/\\]/.test(name))
    throw invalidParameter(
      fieldAt(where, "name"),
      `'${name}' has a '/' or '\\': it names one file or folder of the app's configuration, and names take ASCII letters, digits, '_' and '-'`,
    );
}

/** Refuses, naming `<where>.name` and the rule, a resource whose name breaks the rule. */
export type NameCheck = (where: Where, resource: Resource) => void;

/**
 * The check of the rule the create route of the collection `key` (`values`, `services/-/rules`)
 * holds names to, in the create route's words: the real server applies one rule whichever way a
 * name arrives, and an import or a push is another way. The rule is read from the create
 * operation's body schema, so it is the spec's (name-rules in spec/EVIDENCE.md), never written
 * twice. Derive it once per collection, not per resource: an import holds hundreds.
 */
export function nameRuleCheck(registry: SchemaRegistry | undefined, key: string): NameCheck {
  const create = registry?.operationAt("POST", `${APP_BASE}/${key.replace(/\/-\//g, "/{}/")}`);
  const body = create?.op.requestBody?.schema;
  if (!registry || !create || !body) return () => {};
  const checks = nameRules(registry, body).map((rule, i) =>
    registry.check(`${create.id}:name-rule:${i}`, rule),
  );
  return (where, resource) => {
    const name = resource.name;
    if (typeof name !== "string") return;
    for (const check of checks) {
      const problem = check(name);
      if (problem) throw invalidParameter(fieldAt(where, "name"), problem.message);
    }
  };
}

/** The keywords of a `name` schema that make its rule (an enum or a const is a kind, not a rule). */
const RULE_KEYWORDS = ["pattern", "minLength", "maxLength"];

/**
 * The distinct rules the `name` properties of a body schema state, through `$ref`, `allOf` and the
 * alternatives of `oneOf`/`anyOf` (a service is one of a data source or a third-party service:
 * both state the same rule; a name must pass each rule found).
 */
function nameRules(registry: SchemaRegistry, schema: JsonSchema): JsonSchema[] {
  const rules = new Map<string, JsonSchema>();
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const s = node as JsonSchema;
    if (typeof s.$ref === "string") {
      if (seen.has(s.$ref)) return;
      seen.add(s.$ref);
      return walk(registry.resolveRef(s.$ref));
    }
    const name = (s.properties as Record<string, JsonSchema> | undefined)?.name;
    if (name) {
      const rule = Object.fromEntries(
        RULE_KEYWORDS.filter((k) => k in name).map((k) => [k, name[k]]),
      );
      if (Object.keys(rule).length) rules.set(JSON.stringify(rule), rule);
    }
    for (const list of [s.allOf, s.oneOf, s.anyOf]) if (Array.isArray(list)) list.forEach(walk);
  };
  walk(schema);
  return [...rules.values()];
}
