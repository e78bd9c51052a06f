import { HttpError } from "./http.js";

/** How the real server words a missing resource, and where we know it from. */
interface NotFoundRule {
  message: (id: string) => string;
  /** Absent where the server sends no `error_code` (DESIGN §4: it is often missing). */
  code?: string;
  /** `realm-cli …` (the official CLI's tests against the real server), `spec …`, or `guess`. */
  evidence: string;
}

/**
 * The one table of "not found" answers, by the collection's last path segment. Entries with
 * evidence reproduce the server exactly; every other collection follows the server-wide
 * `<Thing>NotFound` family and is marked a guess.
 */
const NOT_FOUND: Record<string, NotFoundRule> = {
  secrets: {
    message: (id) => `secret not found: ${JSON.stringify(id)}`,
    evidence:
      'realm-cli internal/cloud/realm/secrets_test.go: ServerError{Message: `secret not found: "notFound"`}, no code',
  },
  access_list: {
    message: (id) => `allowed IP not found: 'ObjectID(${JSON.stringify(id)})'`,
    evidence:
      'realm-cli internal/cloud/realm/access_list_test.go: ServerError{Message: "allowed IP not found: \'ObjectID(\\"<id>\\")\'"}, no code',
  },
  deployments: {
    message: () => "deployment not found",
    code: "DeploymentNotFound",
    evidence: "spec adminGetDeployment 404 example; DESIGN §4",
  },
  environment_values: {
    message: (id) => `environment value not found: '${id}'`,
    code: "EnvironmentValueNotFound",
    evidence: "spec components/responses/EnvironmentValueNotFound (code); message a guess",
  },
};

/** A 404 for a missing item of the collection whose path ends in `collection`. */
export function resourceNotFound(collection: string, id: string): HttpError {
  const rule = NOT_FOUND[collection.slice(collection.lastIndexOf("/") + 1)];
  if (rule) return new HttpError(404, rule.message(id), rule.code);
  const thing = singular(collection);
  return new HttpError(
    404,
    `${thing.replace(/_/g, " ")} not found: '${id}'`,
    `${pascal(thing)}NotFound`,
  );
}

/** A 409 for a second resource with the same name in a collection (a guess: `<Thing>AlreadyExists`). */
export function resourceExists(collection: string, field: string, value: string): HttpError {
  const thing = singular(collection);
  return new HttpError(
    409,
    `${/^[aeiou]/.test(thing) ? "an" : "a"} ${thing.replace(/_/g, " ")} with ${field} '${value}' already exists`,
    `${pascal(thing)}AlreadyExists`,
  );
}

/**
 * A service's default rule, word for word and without `error_code` (spec: the `BasicError`
 * enums of adminGetDefaultRule, adminCreateDefaultRule, adminUpdateDefaultRule and
 * adminDeleteDefaultRule; the Admin API reference, seed 002, shows the update's and the delete's).
 */
export const DEFAULT_RULE_ERRORS = {
  get: () => new HttpError(404, "default rule does not exist on service"),
  create: () => new HttpError(400, "default rule already exists"),
  update: () => new HttpError(400, "default rule does not exist"),
  updateOtherId: () => new HttpError(400, "service default rule id mismatch"),
  remove: () => new HttpError(404, "default rule does not exist for app service"),
};

/** A 404 for a configuration object that was never set. */
export function settingNotFound(key: string): HttpError {
  if (key.endsWith("default_rule")) return DEFAULT_RULE_ERRORS.get();
  return new HttpError(404, `${key.replace(/[/_]/g, " ")} not found`, "NotFound");
}

/** The table, for documentation and tests: which collections follow evidence and which guess. */
export function notFoundEvidence(): Record<string, string> {
  return Object.fromEntries(Object.entries(NOT_FOUND).map(([k, r]) => [k, r.evidence]));
}

function singular(collection: string): string {
  const last = collection.slice(collection.lastIndexOf("/") + 1);
  if (last === "access_list") return "allowed_ip";
  return last.replace(/ies$/, "y").replace(/s$/, "");
}

function pascal(snake: string): string {
  return snake
    .split(/[_-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}
