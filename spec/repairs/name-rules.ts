/**
 * name-rules (semantic)
 *
 * What is wrong: the docs limit the names of apps, values, secrets, services (data sources
 * included), triggers and third-party service rules to ASCII letters, digits, `_` and `-`, with a
 * length limit, and the spec declares these names as bare strings (the app's name says so only in
 * its description). A client, the emulator and a push's local check then accept a name the real
 * server refuses, and a push can be refused halfway.
 *
 * Evidence: the docs' sources, per fact below; for the app, also the spec's own description.
 *
 * Repair: each `name` gets the documented rule as `pattern` and `maxLength`, exactly as stated:
 * - values and secrets: at most 64, first character a letter or digit;
 * - apps: 1 to 32, first character a letter (the spec's description), on the create body;
 * - services, triggers, service rules: at most 64, no rule on the first character. No minimum
 *   length is documented for these, so the pattern allows the empty string (the `required` lists
 *   decide whether the name must be there; whether "" is refused is an open question).
 * Touches: the `name` property at each fact's pointer.
 */
import { docs, fact, specText, type Evidence, type Fact } from "../evidence.js";
import { isObject } from "../json.js";
import { childPointer, getAt } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH } from "./shared.js";

interface NameRule {
  readonly pattern: string;
  readonly maxLength: number;
}

/** Values and secrets: "The first character must be a letter or number." */
const VALUE_NAME: NameRule = { pattern: "^[A-Za-z0-9][A-Za-z0-9_-]*$", maxLength: 64 };
/** Apps: "between 1 and 32 characters"; the spec: "Must begin with a letter". */
const APP_NAME: NameRule = { pattern: "^[A-Za-z][A-Za-z0-9_-]*$", maxLength: 32 };
/** Services, triggers and service rules: "at most 64 characters", no first-character rule. */
const NAME: NameRule = { pattern: "^[A-Za-z0-9_-]*$", maxLength: 64 };

const SCHEMAS = "#/components/schemas";
const JSON_BODY = "requestBody/content/application~1json/schema";
const SECRETS = childPointer("#/paths", `${APP_PATH}/secrets`, "post");
const SECRET = childPointer("#/paths", `${APP_PATH}/secrets/{secretId}`, "put");

const valueDocs = docs(
  "source/values-and-secrets/define-a-value.txt:48-50",
  '"Value names must not exceed 64 characters and may only contain ASCII letters, numbers, underscores, and hyphens. The first character must be a letter or number."',
);
const secretDocs = docs(
  "source/values-and-secrets/define-and-manage-secrets.txt:37-39",
  '"Secret names must not exceed 64 characters and may only contain ASCII letters, numbers, underscores, and hyphens. The first character must be a letter or number."',
);
const serviceDocs = [
  docs(
    "source/reference/config/v20210101/services.txt:51-53",
    '"The name of the service. The name may be at most 64 characters long and can only contain ASCII letters, numbers, underscores, and hyphens."',
  ),
  docs(
    "source/includes/appschema-services.rst:62-64",
    "the same words for the service's name in the app schema",
  ),
];
const dataSourceDocs = docs(
  "source/reference/config/data_sources.txt:63-64",
  '"The name may be at most 64 characters long and must only contain ASCII letters, numbers, underscores, and hyphens." (a data source is a service: POST …/services)',
);

/** One name, its rule and the evidence for it. */
interface NameFact {
  readonly target: string;
  readonly rule: NameRule;
  readonly fact: Fact;
}

function nameFact(
  owner: string,
  rule: NameRule,
  evidence: readonly Evidence[],
  added = "",
): NameFact {
  const target = `${owner}/properties/name`;
  const change = `${added}pattern ${rule.pattern}, maxLength ${rule.maxLength}`;
  return { target, rule, fact: fact(target, change, evidence) };
}

const NAMES: readonly NameFact[] = [
  // On the create body only: `App` is also the root config a push sends for an existing app,
  // whose name was taken when it was made (realm-cli's testdata names it `20210101-local`).
  nameFact(
    `${SCHEMAS}/AppConstructor/allOf/1`,
    APP_NAME,
    [
      docs(
        "source/includes/note-app-name-limitations.rst:3-4",
        '"Application names must be between 1 and 32 characters and may only contain ASCII letters, numbers, underscores, and hyphens."',
      ),
      specText(
        `${SCHEMAS}/App/properties/name/description`,
        '"Must begin with a letter and may only contain ASCII letters, numbers, underscores, and hyphens."',
      ),
      docs(
        "source/cli/appservices-apps-create.txt:61",
        '--name: "Names must only include: ASCII letters, numbers, underscores ( _ ), or dashes ( - )"',
      ),
    ],
    "name: string added with ",
  ),
  nameFact(`${SCHEMAS}/NewValue`, VALUE_NAME, [valueDocs]),
  nameFact(`${SCHEMAS}/ValueConstructor`, VALUE_NAME, [valueDocs]),
  nameFact(`${SECRETS}/${JSON_BODY}`, VALUE_NAME, [secretDocs]),
  nameFact(`${SECRET}/${JSON_BODY}`, VALUE_NAME, [secretDocs]),
  nameFact(`${SCHEMAS}/ServiceConstructor`, NAME, [...serviceDocs, dataSourceDocs]),
  nameFact(`${SCHEMAS}/ThirdPartyServiceConstructor`, NAME, serviceDocs),
  nameFact(`${SCHEMAS}/BaseTrigger`, NAME, [
    docs(
      "source/reference/config/v20210101/triggers.txt:56-58",
      '"The trigger name. This may be at most 64 characters long and can only contain ASCII letters, numbers, underscores, and hyphens."',
    ),
    docs(
      "source/includes/appschema-triggers.rst:46-48",
      "the same rule for the trigger's name in the app schema",
    ),
  ]),
  nameFact(`${SCHEMAS}/ThirdPartyServiceRule`, NAME, [
    docs(
      "source/reference/config/v20210101/services.txt:110-112",
      '"The name of the service rule. The name may be at most 64 characters long and can only contain ASCII letters, numbers, underscores, and hyphens."',
    ),
    docs(
      "source/reference/config/v20210101/http_endpoints.txt:299-301",
      "the same rule for a service rule's name",
    ),
  ]),
];

export const nameRules: Repair = {
  id: "name-rules",
  defects: ["name-rule-undeclared"],
  title:
    "The documented name rules: apps, values, secrets, services, triggers and service rules take ASCII letters, digits, `_` and `-`, up to 32 or 64 characters",
  inPinned: true,
  facts: NAMES.map((n) => n.fact),
  apply(doc, ctx) {
    const create = getAt(doc, `${SCHEMAS}/AppConstructor/allOf/1/properties`);
    if (isObject(create) && !("name" in create)) create.name = { type: "string" };
    for (const { target, rule } of NAMES) {
      const name = getAt(doc, target);
      // A name that already states a rule, or is not a plain string, is left as the spec says.
      if (!isObject(name) || name.type !== "string") continue;
      if ("pattern" in name || "maxLength" in name || "enum" in name) continue;
      name.pattern = rule.pattern;
      name.maxLength = rule.maxLength;
      ctx.fixed(target, `pattern ${rule.pattern}, maxLength ${rule.maxLength}`);
    }
  },
};
