/**
 * over-required-properties (semantic)
 *
 * What is wrong: request schemas require properties the API does without, so documented requests
 * fail to type-check: a trigger with `function_id` and no `event_processors` (seed 002 "Create a
 * trigger"), a linked cluster without `readPreference`, a log forwarder without `disabled`, a
 * function without `private`, a value with only a name.
 *
 * Evidence (per property, in FACTS): the spec's own text, the docs' configuration reference, and
 * requests the Stitch admin client's integration tests sent successfully to the real server.
 *
 * Repair: each name is removed from the schema's `required` (the property stays, optional).
 * Touches: `…/required` of each schema in FACTS.
 */
import { docs, type Evidence, fact, specText, stitch } from "../evidence.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const S = "#/components/schemas";

const OVER: { schema: string; names: string[]; evidence: Evidence[] }[] = [
  {
    schema: `${S}/BaseTrigger`,
    names: ["event_processors"],
    evidence: [
      specText(
        `${S}/BaseTrigger/properties/function_id/description`,
        '"If you define `function_id`, `event_processors` is not required."',
      ),
      docs(
        'seed 002 (Admin API reference) "Create a trigger"',
        "its sample sends function_id and no event_processors",
      ),
      stitch(
        "test/admin/event_subscriptions.test.js",
        "creates triggers with function_id and no event_processors",
      ),
    ],
  },
  {
    schema: `${S}/AtlasClusterServiceConfig`,
    names: ["readPreference", "wireProtocolEnabled"],
    evidence: [
      docs(
        "source/reference/config/data_sources.txt",
        "only config.clusterName is marked Required",
      ),
      docs(
        "source/mongodb/tables/read-preference-modes.rst",
        '"primary … This is the default read preference mode."',
      ),
    ],
  },
  {
    schema: `${S}/LogForwarderConstructor`,
    names: ["disabled"],
    evidence: [
      docs(
        "source/reference/config/log_forwarders.txt",
        "the configuration has no `disabled` field at all",
      ),
    ],
  },
  {
    schema: `${S}/FunctionConstructor`,
    names: ["private"],
    evidence: [
      stitch(
        "test/admin/functions.test.js",
        "creates and updates functions with {name, source} only",
      ),
      docs(
        "source/reference/config/functions.txt",
        "a function needs no configuration entry; defaults apply",
      ),
    ],
  },
  {
    schema: `${S}/NewValue`,
    names: ["private", "value"],
    evidence: [
      stitch("test/admin/values.test.js", "creates values with {name} and with {name, value}"),
    ],
  },
  {
    schema: `${S}/ValueConstructor`,
    names: ["private", "from_secret", "value"],
    evidence: [
      docs(
        "source/reference/config/values.txt",
        "a value has no `private`; `from_secret` defaults to false",
      ),
      stitch("test/admin/values.test.js", "creates values with {name} and with {name, value}"),
    ],
  },
];

export const overRequiredProperties: Repair = {
  id: "over-required-properties",
  defects: ["over-required"],
  title: "Request properties the API does without are no longer required",
  inPinned: true,
  facts: OVER.map((o) =>
    fact(`${o.schema}/required`, `${o.names.join(", ")} optional`, o.evidence),
  ),
  apply(doc, ctx) {
    for (const o of OVER) {
      const holder = getAt(doc, o.schema) as Record<string, unknown> | undefined;
      const required = holder?.required;
      if (!Array.isArray(required)) continue;
      const kept = required.filter((n) => !o.names.includes(n as string));
      if (kept.length === required.length) continue;
      if (kept.length > 0) holder!.required = kept;
      else delete holder!.required;
      ctx.fixed(
        `${o.schema}/required`,
        `${o.names.filter((n) => required.includes(n)).join(", ")} no longer required`,
      );
    }
  },
};
