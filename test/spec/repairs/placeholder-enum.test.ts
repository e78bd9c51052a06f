import { placeholderEnum } from "../../../spec/repairs/placeholder-enum.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const spec = (tagSet: Record<string, unknown>) =>
  openapi({ components: { schemas: { ReadPreferencesTagSet: tagSet } } });

repairTable(
  placeholderEnum,
  [
    {
      name: "the server1/server2 enum becomes a document of string tags",
      given: spec({ type: "string", enum: ["server1", "server2"] }),
      want: spec({
        type: "object",
        description:
          "A read preference tag set: replica set tag names mapped to the values a member must have.",
        additionalProperties: { type: "string" },
      }),
      fixes: ["#/components/schemas/ReadPreferencesTagSet"],
    },
    {
      name: "a description of its own is kept",
      given: spec({ type: "string", description: "Tags.", enum: ["server1"] }),
      want: spec({
        type: "object",
        description: "Tags.",
        additionalProperties: { type: "string" },
      }),
    },
  ],
  [spec({ type: "object", additionalProperties: { type: "string" } }), openapi({})],
);
