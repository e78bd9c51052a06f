import { allOfExcludesOwnEnum } from "../../../spec/repairs/allof-excludes-own-enum.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const own = {
  type: "string",
  description: "An empty string indicates that the app does not have a specified environment.",
  enum: ["", "development", "testing", "qa", "production"],
};
const spec = (environment: Record<string, unknown>) =>
  openapi({
    components: {
      schemas: {
        NullableAppEnvironment: environment,
        AppEnvironment: { type: "string", enum: ["development", "testing", "qa", "production"] },
      },
    },
  });

repairTable(
  allOfExcludesOwnEnum,
  [
    {
      name: "the allOf with AppEnvironment collapses to the enum that allows an empty string",
      given: spec({ allOf: [own, { $ref: "#/components/schemas/AppEnvironment" }] }),
      want: spec(own),
      fixes: ["#/components/schemas/NullableAppEnvironment"],
    },
  ],
  [
    spec(own),
    // An allOf whose enum has no "" contradicts nothing the repair knows of.
    spec({
      allOf: [{ type: "string", enum: ["qa"] }, { $ref: "#/components/schemas/AppEnvironment" }],
    }),
    openapi({}),
  ],
);
