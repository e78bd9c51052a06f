/**
 * ref-wrong-kind (D6)
 *
 * What is wrong: `$ref`s that point at the wrong kind of object (54 versions):
 * - a schema refers to a Parameter Object (000-034): e.g.
 *   `#/components/schemas/Application/properties/group_id: {$ref: #/components/parameters/GroupId}`
 *   and the logs entries' `app_id`/`group_id`. Redocly then reads `GroupId` as a schema, which
 *   produces ~130 knock-on errors (every path parameter seems undeclared), and types are wrong.
 * - a response refers to a Schema Object (108-126):
 *   `…/security~1private_endpoints~1{privateEndpointId}/put/responses/200/$ref: #/components/schemas/PrivateEndpoint`.
 *
 * Evidence: DEFECTS.md D6; later versions write `{type: string}` for those ids and
 * `content: {application/json: {schema: {$ref: PrivateEndpoint}}}` for the response.
 *
 * Repair: a schema ref to a parameter becomes a copy of that parameter's schema (with its
 * description); a response ref to a schema becomes a response with that schema as JSON content.
 * Touches: each such `$ref`.
 */
import { isObject } from "../json.js";
import { childPointer, getAt } from "../pointer.js";
import type { Repair } from "../repair.js";
import { eachOperation, walkSchemas } from "../walk.js";

const PARAMETERS = "#/components/parameters/";
const SCHEMAS = "#/components/schemas/";

export const refWrongKind: Repair = {
  id: "ref-wrong-kind",
  defects: ["D6"],
  title: "Schema refs to parameters and response refs to schemas point at the right kind",
  inPinned: false,
  apply(doc, ctx) {
    walkSchemas(doc, (schema, site) => {
      if (typeof schema.$ref !== "string" || !schema.$ref.startsWith(PARAMETERS)) return;
      const param = getAt(doc, schema.$ref);
      if (!isObject(param) || !isObject(param.schema))
        throw new Error(`${schema.$ref} has no schema to use at ${site.pointer}`);
      const ref = schema.$ref;
      delete schema.$ref;
      Object.assign(schema, structuredClone(param.schema));
      if (typeof param.description === "string" && schema.description === undefined)
        schema.description = param.description;
      ctx.fixed(childPointer(site.pointer, "$ref"), `schema ref to parameter ${ref} -> its schema`);
    });
    eachOperation(doc, (op, site) => {
      if (!isObject(op.responses)) return;
      for (const [status, response] of Object.entries(op.responses)) {
        if (
          !isObject(response) ||
          typeof response.$ref !== "string" ||
          !response.$ref.startsWith(SCHEMAS)
        )
          continue;
        const ref = response.$ref;
        // A missing description is left missing: response-description-missing fills it in.
        op.responses[status] = {
          ...(response.description === undefined ? {} : { description: response.description }),
          content: { "application/json": { schema: { $ref: ref } } },
        };
        ctx.fixed(
          `${site.pointer}/responses/${status}/$ref`,
          `response ref to schema ${ref} -> JSON content of it`,
        );
      }
    });
  },
};
