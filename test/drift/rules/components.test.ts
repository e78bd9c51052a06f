import { doc, ruleTable, thingOp } from "../helpers.js";

const thing = { type: "object", properties: { name: { type: "string" } } };
const usesThing = {
  "/things": {
    get: thingOp({
      operationId: "adminGetThing",
      responses: {
        "200": {
          description: "ok",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
        },
      },
    }),
  },
};
const withSchemas = (
  schemas: Record<string, unknown>,
  paths: Record<string, unknown> = usesThing,
) => doc(paths, { components: { schemas } });

ruleTable("component schema rules", [
  {
    name: "schema-added",
    old: withSchemas({ Thing: thing }),
    new: withSchemas({ Thing: thing, "Logs/Parts/BaseLog": { type: "object" } }),
    want: ["schema-added - | - | schema `Logs/Parts/BaseLog` added (model `LogsPartsBaseLog`)"],
  },
  {
    name: "schema-removed, not folded while a kept operation used it",
    old: withSchemas({ Thing: thing, Other: thing }),
    new: withSchemas({ Thing: thing }),
    want: ["schema-removed - | - | schema `Other` removed (model `Other`)"],
  },
  {
    name: "schema-removed names the new model of the same shape (a rename still breaks imports)",
    old: withSchemas({
      Thing: thing,
      AnyTrigger: { type: "object", properties: { a: { type: "string" } } },
    }),
    new: withSchemas({
      Thing: thing,
      TriggerConstructor: { type: "object", properties: { a: { type: "string" } } },
    }),
    want: [
      "schema-removed - | - | schema `AnyTrigger` removed (model `AnyTrigger`; same shape as the new model `TriggerConstructor`)",
      "schema-added - | - | schema `TriggerConstructor` added (model `TriggerConstructor`)",
    ],
  },
  {
    name: "schema-changed: a schema no operation uses",
    old: withSchemas({
      Thing: thing,
      Spare: { type: "object", properties: { a: { type: "string" } } },
    }),
    new: withSchemas({
      Thing: thing,
      Spare: { type: "object", properties: { a: { type: "integer" }, b: { type: "string" } } },
    }),
    want: [
      "schema-changed - | schema Spare | model `Spare`: type of `a` changed from string to integer, property `b` added",
    ],
  },
  {
    name: "a used schema's change is reported where it is used, once per operation",
    old: withSchemas({ Thing: thing }),
    new: withSchemas({
      Thing: { ...thing, properties: { ...thing.properties, size: { type: "integer" } } },
    }),
    want: [
      "response-property-added GET /things | response 200 application/json | property `size` added",
    ],
  },
]);
