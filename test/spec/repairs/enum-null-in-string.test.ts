import { enumNullInString } from "../../../spec/repairs/enum-null-in-string.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const bson = (schema: Record<string, unknown>) =>
  openapi({ components: { schemas: { SchemaDefinition: { properties: { bsonType: schema } } } } });

repairTable(
  enumNullInString,
  [
    {
      name: 'YAML null in the bsonType string enum becomes "null" (127-135)',
      given: bson({ type: "string", enum: ["bool", null, "regex"] }),
      want: bson({ type: "string", enum: ["bool", "null", "regex"] }),
      fixes: ["#/components/schemas/SchemaDefinition/properties/bsonType/enum/1"],
    },
  ],
  [
    bson({ type: "string", enum: ["bool", "null"] }),
    // A nullable enum without a string type is a legitimate null member.
    bson({ type: ["string", "null"], enum: ["a", null] }),
    bson({ enum: ["a", null] }),
  ],
);
