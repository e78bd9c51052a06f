/**
 * nested-array-items (semantic)
 *
 * What is wrong: the Google and Facebook providers' `metadata_fields` is an array whose items are
 * themselves arrays of `{required, name}` documents (085-146, pinned included), so a provider
 * configuration that lists its metadata fields, as the docs show, does not type-check.
 *
 * Evidence: the docs' auth configuration reference types `metadata_fields` as `Array<Document>`
 * with `{ "required": <Boolean>, "name": "Field Name" }` items; the Custom JWT provider's
 * `metadata_fields` in the same spec is an array of documents.
 *
 * Repair: the inner array's item schema becomes the item schema (the outer description kept).
 * Touches: `#/components/schemas/{Google,Facebook}AuthProvider/allOf/1/properties/metadata_fields/items`.
 */
import { docs, fact, specText } from "../evidence.js";
import { isObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const S = "#/components/schemas";

const FACTS = ["GoogleAuthProvider", "FacebookAuthProvider"].map((provider) =>
  fact(
    `${S}/${provider}/allOf/1/properties/metadata_fields/items`,
    "array of arrays of documents -> array of documents",
    [
      docs(
        "source/reference/config/auth.txt",
        'metadata_fields is "Array<Document>" of { "required", "name" }',
      ),
      specText(
        `${S}/CustomJwtAuthProvider/allOf/1/properties/metadata_fields`,
        "an array of documents",
      ),
    ],
  ),
);

export const nestedArrayItems: Repair = {
  id: "nested-array-items",
  defects: ["array-of-arrays"],
  title: "Google and Facebook `metadata_fields` is a list of documents, not a list of lists",
  inPinned: true,
  facts: FACTS,
  apply(doc, ctx) {
    for (const fact of FACTS) {
      const items = getAt(doc, fact.target);
      if (!isObject(items) || items.type !== "array" || !isObject(items.items)) continue;
      const inner = items.items;
      const description = items.description;
      for (const key of Object.keys(items)) delete items[key];
      Object.assign(items, inner);
      if (typeof description === "string" && typeof items.description !== "string")
        items.description = description;
      ctx.fixed(fact.target, "items: the document, not an array of it");
    }
  },
};
