/**
 * ref-siblings-allof (D15)
 *
 * What is wrong: a `$ref` has sibling keywords that constrain the value. In 3.0 such siblings are
 * ignored by specification; in 3.1 they apply, but both leading generators drop them anyway. The
 * case that changes types (127-146, pinned): `#/components/schemas/ServiceResponse` is
 * `{$ref: ServiceConfig, properties: {_id, name, type, version, last_modified}}`, so the generated
 * `ServiceResponse` is just `ServiceConfig` and loses all five fields; likewise `ServiceConfig`,
 * `AtlasClusterServiceConfigInstance` and `AtlasClusterServiceConstructor`. Role `fields` and
 * `additional_fields` carry a sibling `type: object` (053-146).
 *
 * Evidence: DEFECTS.md D15 (effect checked with openapi-typescript 7.13 and hey-api 0.95).
 *
 * Repair: `{$ref, <constraints>, <annotations>}` becomes
 * `{<annotations>, allOf: [{$ref}, {<constraints>}]}`, which means the same in both dialects and
 * which every generator reads. Annotation-only siblings (`description`, `example`, …) are valid
 * and harmless and are left alone.
 * Touches: every Schema Object holding `$ref` and a constraining sibling.
 */
import type { JsonObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { walkSchemas } from "../walk.js";

/**
 * Siblings that stay next to the `allOf`: annotations, and 3.0's `nullable`, which widens the whole
 * value (inside an `allOf` member it would not).
 */
const ANNOTATIONS = new Set([
  "nullable",
  "description",
  "title",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
  "xml",
]);

export const refSiblingsAllOf: Repair = {
  id: "ref-siblings-allof",
  defects: ["D15"],
  title: "`$ref` with constraining siblings becomes `allOf: [{$ref}, {siblings}]`",
  inPinned: true,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (typeof schema.$ref !== "string") return;
      const constraining = Object.keys(schema).filter(
        (k) => k !== "$ref" && k !== "allOf" && !ANNOTATIONS.has(k) && !k.startsWith("x-"),
      );
      if (constraining.length === 0) return;
      const extra: JsonObject = {};
      for (const k of constraining) extra[k] = schema[k];
      const existing = Array.isArray(schema.allOf) ? schema.allOf : [];
      const rebuilt: JsonObject = {};
      for (const [k, v] of Object.entries(schema)) {
        if (k !== "$ref" && k !== "allOf" && !constraining.includes(k)) rebuilt[k] = v;
      }
      rebuilt.allOf = [{ $ref: schema.$ref }, extra, ...existing];
      for (const k of Object.keys(schema)) delete schema[k];
      Object.assign(schema, rebuilt);
      ctx.fixed(
        childPointer(site.pointer, "$ref"),
        `siblings ${constraining.join(", ")} moved into allOf`,
      );
    });
  },
};
