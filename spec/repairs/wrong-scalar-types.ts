/**
 * wrong-scalar-types (semantic)
 *
 * What is wrong: fields declared with a type their own examples, defaults, other declarations and
 * the real clients contradict, so generated clients reject real values:
 * - auth-trigger `config.providers` is `type: string` with an enum of provider names (067-146), yet
 *   its example is `providers: [api-key]` and the docs call it "a list of one or more
 *   authentication provider types";
 * - `AtlasClusterServiceConfigInstance.clusterId` is `type: number` (127-146), yet its example is
 *   the ObjectID hex string `05e821b3975d271289f372e3a`;
 * - the Custom JWT provider's `requireAnyAudience` is `type: string` with `default: false` and a
 *   description of its `true` and `false` cases;
 * - an API key's `disabled` is `type: string` in the create and get responses, while the list of the
 *   same keys declares `boolean`.
 *
 * Repair: each field gets the type the evidence shows (`providers`: an array of the enum).
 * Touches: the pointers in FACTS.
 */
import { cli, docs, type Evidence, fact, specText, stitch } from "../evidence.js";
import { isObject, type JsonObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const S = "#/components/schemas";

interface Wrong {
  target: string;
  from: string;
  to: string;
  evidence: Evidence[];
}

const apiKeyDisabled: Evidence[] = [
  specText(
    "GET …/api_keys 200 items.properties.disabled",
    "the list of the same keys declares boolean",
  ),
  cli("cloud/realm/user.go", "APIKey.Disabled is bool"),
  stitch("test/admin/api_keys.test.js", "expect(key.disabled).toEqual(false) on a created key"),
];

const WRONG: Wrong[] = [
  {
    target: `${S}/AuthenticationTrigger/allOf/1/properties/config/properties/providers`,
    from: "string",
    to: "array",
    evidence: [
      specText(`${S}/AuthenticationTrigger/example/config/providers`, "[api-key]"),
      docs(
        "source/triggers/authentication-triggers.txt",
        'Providers: "A list of one or more authentication provider types"',
      ),
      docs("source/reference/config/triggers.txt", '"providers": ["<Provider Type>", ...]'),
      stitch(
        "test/admin/event_subscriptions.test.js",
        "creates an auth trigger with providers: ['api-key']",
      ),
    ],
  },
  {
    target: `${S}/AtlasClusterServiceConfigInstance/properties/clusterId`,
    from: "number",
    to: "string",
    evidence: [
      specText(
        `${S}/AtlasClusterServiceConfigInstance/properties/clusterId/example`,
        "the ObjectID hex string 05e821b3975d271289f372e3a",
      ),
    ],
  },
  {
    target: `${S}/CustomJwtAuthProvider/allOf/1/properties/config/properties/requireAnyAudience`,
    from: "string",
    to: "boolean",
    evidence: [
      specText(
        `${S}/CustomJwtAuthProvider/allOf/1/properties/config/properties/requireAnyAudience`,
        "default: false; described as If `false` … If `true` …",
      ),
      docs("source/authentication/custom-jwt.txt", '"requireAnyAudience": <boolean>'),
    ],
  },
  {
    target: `${S}/ApiKey/properties/disabled`,
    from: "string",
    to: "boolean",
    evidence: apiKeyDisabled,
  },
  {
    target: `${S}/ApiKeyResponse/properties/disabled`,
    from: "string",
    to: "boolean",
    evidence: apiKeyDisabled,
  },
];

export const wrongScalarTypes: Repair = {
  id: "wrong-scalar-types",
  defects: ["type-contradicted-by-example"],
  title: "Fields whose examples, defaults and clients contradict their type get the real type",
  inPinned: true,
  facts: WRONG.map((w) =>
    fact(w.target, `${w.from} -> ${w.to === "array" ? "array of the enum" : w.to}`, w.evidence),
  ),
  apply(doc, ctx) {
    for (const w of WRONG) {
      const schema = getAt(doc, w.target);
      if (!isObject(schema) || schema.type !== w.from) continue;
      if (w.to === "array") toArray(schema);
      else schema.type = w.to;
      ctx.fixed(w.target, `${w.from} -> ${w.to}`);
    }
  },
};

/** A string (with its enum) becomes an array of such strings. */
function toArray(schema: JsonObject): void {
  const items = { type: "string", ...(Array.isArray(schema.enum) ? { enum: schema.enum } : {}) };
  delete schema.enum;
  Object.assign(schema, { type: "array", items });
}
