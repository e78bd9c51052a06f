/**
 * example-only-properties (semantic)
 *
 * What is wrong: a few log entry properties have an `example` and no type, so their generated type
 * is `unknown`: `LogsTriggerFailure`'s `event_subscription_id` and `event_subscription_name`, and
 * `LogsPartsClientLog`'s `platform_version`, `sdk_name` and `sdk_version`.
 *
 * Evidence: each example is a string; the same trigger fields are `type: string` in
 * `LogsPartsTriggerLog`, and the official CLI decodes them as strings. The client fields are
 * versions and names, like `platform` beside them (`type: string`).
 *
 * Repair: `type: string` is added to each.
 * Touches: the pointers in FACTS.
 */
import { cli, type Evidence, fact, specText } from "../evidence.js";
import { isObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const S = "#/components/schemas";
const FAILURE = `${S}/LogsTriggerFailure/allOf/1/properties`;
const CLIENT = `${S}/LogsPartsClientLog/properties`;

const trigger: Evidence[] = [
  specText(
    `${S}/LogsPartsTriggerLog/allOf/4/properties`,
    "the same trigger fields are type: string",
  ),
  cli("cloud/realm/logs.go", "Log.EventSubscriptionID and EventSubscriptionName are string"),
];
const client: Evidence[] = [
  specText(`${CLIENT}/platform`, "its sibling is type: string; the examples are strings"),
];

const FACTS = [
  ...["event_subscription_id", "event_subscription_name"].map(
    (p) => [`${FAILURE}/${p}`, trigger] as const,
  ),
  ...["platform_version", "sdk_name", "sdk_version"].map(
    (p) => [`${CLIENT}/${p}`, client] as const,
  ),
].map(([pointer, evidence]) =>
  fact(pointer, "type: string (its example's type)", [
    specText(`${pointer}/example`, "a string"),
    ...evidence,
  ]),
);

export const exampleOnlyProperties: Repair = {
  id: "example-only-properties",
  defects: ["untyped-property"],
  title: "Log properties given only a string example are strings",
  inPinned: true,
  facts: FACTS,
  apply(doc, ctx) {
    for (const fact of FACTS) {
      const schema = getAt(doc, fact.target);
      if (!isObject(schema) || "type" in schema || "$ref" in schema) continue;
      if (typeof schema.example !== "string") continue;
      const entries = Object.entries(schema);
      for (const [key] of entries) delete schema[key];
      Object.assign(schema, { type: "string" }, Object.fromEntries(entries));
      ctx.fixed(fact.target, "type: string");
    }
  },
};
