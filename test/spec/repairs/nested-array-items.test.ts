import { nestedArrayItems } from "../../../spec/repairs/nested-array-items.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const field = {
  type: "object",
  description: "A specific metadata field.",
  properties: { required: { type: "boolean" }, name: { type: "string" } },
};
const provider = (items: Record<string, unknown>) => ({
  allOf: [
    { $ref: "#/components/schemas/BaseAuthProvider" },
    { properties: { metadata_fields: { type: "array", items: structuredClone(items) } } },
  ],
});
const spec = (items: Record<string, unknown>) =>
  openapi({
    components: {
      schemas: { GoogleAuthProvider: provider(items), FacebookAuthProvider: provider(items) },
    },
  });
const S = "#/components/schemas";

repairTable(
  nestedArrayItems,
  [
    {
      name: "Google and Facebook: a list of documents",
      given: spec({ description: "Metadata fields.", type: "array", items: field }),
      want: spec(field),
      fixes: [
        `${S}/GoogleAuthProvider/allOf/1/properties/metadata_fields/items`,
        `${S}/FacebookAuthProvider/allOf/1/properties/metadata_fields/items`,
      ],
    },
    {
      name: "the outer description stays when the document has none",
      given: spec({ description: "Metadata fields.", type: "array", items: { type: "object" } }),
      want: spec({ type: "object", description: "Metadata fields." }),
    },
  ],
  [spec(field), openapi({})],
);
