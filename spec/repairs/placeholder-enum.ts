/**
 * placeholder-enum (semantic)
 *
 * What is wrong: `ReadPreferencesTagSet`, the item type of a linked cluster's
 * `config.readPreferenceTagSets`, is the string enum `"server1" | "server2"`: placeholder names
 * rather than what a tag set is, a document of replica-set tag names and values. No real tag set
 * can be sent.
 *
 * Evidence: the docs' read preference page says to "add one or more tag definition objects to
 * `config.readPreferenceTagSets`", shown as `[{ <Tag Key>: <Tag Value> }, …]`; MongoDB read
 * preference tag sets are documents of string tags.
 *
 * Repair: the schema becomes an object whose values are strings (its description kept).
 * Touches: `#/components/schemas/ReadPreferencesTagSet`.
 */
import { docs, fact } from "../evidence.js";
import { isObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const TAG_SET = "#/components/schemas/ReadPreferencesTagSet";

const FACT = fact(TAG_SET, 'string enum ["server1", "server2"] -> object of string tags', [
  docs(
    "source/mongodb/read-preference.txt",
    '"add one or more tag definition objects to config.readPreferenceTagSets": [{ <Tag Key>: <Tag Value> }]',
  ),
]);

export const placeholderEnum: Repair = {
  id: "placeholder-enum",
  defects: ["enum-of-placeholders"],
  title: "Read preference tag sets are documents of tags, not the placeholder enum server1/server2",
  inPinned: true,
  facts: [FACT],
  apply(doc, ctx) {
    const schema = getAt(doc, TAG_SET);
    if (!isObject(schema) || schema.type !== "string" || !Array.isArray(schema.enum)) return;
    const description = schema.description;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, {
      type: "object",
      description:
        typeof description === "string"
          ? description
          : "A read preference tag set: replica set tag names mapped to the values a member must have.",
      additionalProperties: { type: "string" },
    });
    ctx.fixed(TAG_SET, "placeholder enum -> object of string tags");
  },
};
