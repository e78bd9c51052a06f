/**
 * allof-excludes-own-enum (semantic)
 *
 * What is wrong: `NullableAppEnvironment` is `allOf: [{type: string, enum: ["", "development", …]},
 * {$ref: AppEnvironment}]`. `AppEnvironment`'s enum has no `""`, so the intersection rejects the
 * empty string the first member exists to allow: an app without an environment (`environment: ""`,
 * as the docs' list-apps example returns) cannot be typed.
 *
 * Evidence: the member's own description ("An empty string indicates that the app does not have a
 * specified environment"); seed 002's and seed 004's list-apps example (`"environment": ""`); the
 * official CLI omits an empty environment (`Environment … json:"environment,omitempty"`).
 *
 * Repair: the `allOf` collapses to its first member (the enum that includes `""`).
 * Touches: `#/components/schemas/NullableAppEnvironment`.
 */
import { cli, docs, fact, specText } from "../evidence.js";
import { isObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const TARGET = "#/components/schemas/NullableAppEnvironment";

const FACT = fact(TARGET, 'allOf with AppEnvironment -> its own enum, "" included', [
  specText(
    `${TARGET}/allOf/0/description`,
    '"An empty string indicates that the app does not have a specified environment."',
  ),
  docs(
    'seed 002 (Admin API reference) "Project & Application IDs"',
    'the list-apps example has "environment": ""',
  ),
  docs('seed 004 (Realm Admin API) "Application ID"', 'the same example, "environment": ""'),
  cli(
    "cloud/realm/app.go",
    'AppMeta.Environment is `json:"environment,omitempty"`: empty means none',
  ),
]);

export const allOfExcludesOwnEnum: Repair = {
  id: "allof-excludes-own-enum",
  defects: ["allof-contradicts-enum"],
  title:
    'An app\'s environment may be `""` (no environment): the allOf that excluded it is dropped',
  inPinned: true,
  facts: [FACT],
  apply(doc, ctx) {
    const schema = getAt(doc, TARGET);
    if (!isObject(schema) || !Array.isArray(schema.allOf)) return;
    const own = schema.allOf.find((m: unknown) => isObject(m) && Array.isArray(m.enum));
    if (!isObject(own) || !(own.enum as unknown[]).includes("")) return;
    delete schema.allOf;
    Object.assign(schema, own);
    ctx.fixed(TARGET, 'allOf dropped: its own enum (with "") stands');
  },
};
