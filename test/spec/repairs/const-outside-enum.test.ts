import { constOutsideEnum } from "../../../spec/repairs/const-outside-enum.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const property = (value: string) => ({
  const: value,
  description: `For Anonymous authentication, this value is always \`${value}\`.`,
});
const spec = (value: string) =>
  openapi({
    components: {
      schemas: {
        AnonymousAuthProvider: {
          allOf: [
            { $ref: "#/components/schemas/BaseAuthProvider" },
            { properties: { name: property(value), type: property(value) } },
          ],
        },
      },
    },
  });
const P = "#/components/schemas/AnonymousAuthProvider/allOf/1/properties";

repairTable(
  constOutsideEnum,
  [
    {
      name: "085-126: const anonymous becomes anon-user, descriptions too",
      given: spec("anonymous"),
      want: spec("anon-user"),
      fixes: [`${P}/name/const`, `${P}/type/const`],
    },
  ],
  [spec("anon-user"), openapi({})],
);
