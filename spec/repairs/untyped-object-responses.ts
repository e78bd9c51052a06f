/**
 * untyped-object-responses (semantic)
 *
 * What is wrong: two DELETE operations answer 200 with the schema `{properties: {}}`, meant as an
 * empty object but written without `type: object`, so it constrains nothing and the generated
 * result is `unknown`.
 *
 * Evidence: the schemas themselves: `properties` only applies to objects, and declaring none says
 * the object carries nothing (whether the server sends exactly `{}` is an open question).
 *
 * Repair: `type: object` and `additionalProperties: false` are added: an empty object (typed
 * `Record<string, unknown>` by the generator, which reads any property-less object that way).
 * Touches: the two response schemas in FACTS.
 */
import { fact, specText } from "../evidence.js";
import { isObject } from "../json.js";
import { childPointer, getAt } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH } from "./shared.js";

const FACTS = [
  ["/triggers/{triggerId}", "adminDeleteTrigger"],
  ["/endpoints/{endpointId}", "adminDeleteEndpoint"],
].map(([path, operationId]) =>
  fact(
    childPointer(
      "#/paths",
      `${APP_PATH}${path}`,
      "delete",
      "responses",
      "200",
      "content",
      "application/json",
      "schema",
    ),
    "an empty object (type: object, additionalProperties: false)",
    [specText(`${operationId} 200`, "`properties: {}`: an object that declares no properties")],
  ),
);

export const untypedObjectResponses: Repair = {
  id: "untyped-object-responses",
  defects: ["object-without-type"],
  title: "Delete responses declared as `{properties: {}}` are empty objects",
  inPinned: true,
  facts: FACTS,
  apply(doc, ctx) {
    for (const fact of FACTS) {
      const schema = getAt(doc, fact.target);
      if (!isObject(schema) || "type" in schema || !isObject(schema.properties)) continue;
      if (Object.keys(schema.properties).length > 0) continue;
      const { properties, ...rest } = schema;
      for (const key of Object.keys(schema)) delete schema[key];
      Object.assign(schema, { type: "object", ...rest, properties, additionalProperties: false });
      ctx.fixed(fact.target, "an empty object");
    }
  },
};
