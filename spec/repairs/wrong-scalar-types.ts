/**
 * wrong-scalar-types
 *
 * What is wrong: two fields are declared with a type their own examples and documentation
 * contradict, so generated clients reject real values:
 * - `#/components/schemas/AuthenticationTrigger/allOf/1/properties/config/properties/providers`
 *   is `type: string` with an enum of provider names (067-146, pinned), yet the schema's own
 *   example is `providers: [api-key]`, the description says "type(s)", and the trigger docs say
 *   "A list of one or more authentication provider types"
 *   (mongodb.com/docs/atlas/app-services/triggers/authentication-triggers).
 * - `#/components/schemas/AtlasClusterServiceConfigInstance/properties/clusterId` is
 *   `type: number` (127-146, pinned), yet its example is the ObjectID hex string
 *   `05e821b3975d271289f372e3a` and the same field is `type: string` elsewhere in the spec.
 * Redocly flags both examples (`no-invalid-schema-examples`).
 *
 * Repair: `providers` becomes `type: array` with the string enum on its items; `clusterId`
 * becomes `type: string`. Each is skipped where the version does not have the wrong type.
 * Touches: the two pointers above.
 */
import { isObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const PROVIDERS =
  "#/components/schemas/AuthenticationTrigger/allOf/1/properties/config/properties/providers";
const CLUSTER_ID = "#/components/schemas/AtlasClusterServiceConfigInstance/properties/clusterId";

export const wrongScalarTypes: Repair = {
  id: "wrong-scalar-types",
  defects: ["type-contradicted-by-example"],
  title: "Fields whose examples and docs contradict their type get the documented type",
  inPinned: true,
  apply(doc, ctx) {
    const providers = getAt(doc, PROVIDERS);
    if (isObject(providers) && providers.type === "string") {
      const items = {
        type: "string",
        ...(Array.isArray(providers.enum) ? { enum: providers.enum } : {}),
      };
      delete providers.enum;
      Object.assign(providers, { type: "array", items });
      ctx.fixed(PROVIDERS, "string -> array of provider names");
    }
    const clusterId = getAt(doc, CLUSTER_ID);
    if (isObject(clusterId) && clusterId.type === "number") {
      clusterId.type = "string";
      ctx.fixed(`${CLUSTER_ID}/type`, "number -> string (an ObjectID hex string)");
    }
  },
};
