import { doc, ruleTable, thingOp } from "../helpers.js";

const schemas = (description: string) => ({
  Thing: { type: "object", description, properties: { description: { type: "string" } } },
});
const spec = (opDescription: string, schemaDescription = "A thing.", info = "The API") =>
  doc(
    {
      "/things/{thingId}": {
        parameters: [
          {
            name: "thingId",
            in: "path",
            required: true,
            schema: { type: "string" },
            description: "id",
          },
        ],
        post: thingOp({ description: opDescription }),
      },
    },
    {
      info: { title: "t", version: "3.0", description: info },
      components: { schemas: schemas(schemaDescription) },
    },
  );

ruleTable("documentation rules", [
  {
    name: "operation-documentation-changed",
    old: spec("Create a thing."),
    new: spec("Creates a thing."),
    want: ["operation-documentation-changed POST /things/{thingId} | - | documentation changed"],
  },
  {
    name: "schema-documentation-changed (a property named `description` is data, not documentation)",
    old: spec("Create a thing.", "A thing."),
    new: spec("Create a thing.", "Some thing."),
    want: [
      "schema-documentation-changed - | schema Thing | documentation of schema `Thing` changed",
    ],
  },
  {
    name: "spec-documentation-changed",
    old: spec("x", "A thing.", "The API"),
    new: spec("x", "A thing.", "The Admin API"),
    want: ["spec-documentation-changed - | info | documentation changed: info"],
  },
  {
    name: "reordered parameters move no documentation",
    old: doc({
      "/t": {
        get: thingOp({
          parameters: [
            { name: "a", in: "query", description: "A" },
            { name: "b", in: "query", description: "B" },
          ],
        }),
      },
    }),
    new: doc({
      "/t": {
        get: thingOp({
          parameters: [
            { name: "b", in: "query", description: "B" },
            { name: "a", in: "query", description: "A" },
          ],
        }),
      },
    }),
    want: [],
  },
  {
    name: "operation-other-change: what no rule classifies (an error response body) is still listed",
    old: doc({
      "/t": {
        get: thingOp({
          responses: {
            "204": { description: "ok" },
            "404": {
              description: "no",
              content: { "application/json": { schema: { type: "object" } } },
            },
          },
        }),
      },
    }),
    new: doc({
      "/t": {
        get: thingOp({
          responses: {
            "204": { description: "ok" },
            "404": {
              description: "no",
              content: { "application/json": { schema: { type: "string" } } },
            },
          },
        }),
      },
    }),
    want: [
      "operation-other-change GET /t | - | changed outside what the rules compare (see the spec diff)",
    ],
  },
  {
    name: "operation-other-change through a shared response component the operation refers to",
    old: doc(
      {
        "/t": {
          get: thingOp({
            responses: {
              "204": { description: "ok" },
              "404": { $ref: "#/components/responses/NotFound" },
            },
          }),
        },
      },
      {
        components: {
          responses: {
            NotFound: {
              description: "no",
              content: { "application/json": { schema: { type: "object" } } },
            },
          },
        },
      },
    ),
    new: doc(
      {
        "/t": {
          get: thingOp({
            responses: {
              "204": { description: "ok" },
              "404": { $ref: "#/components/responses/NotFound" },
            },
          }),
        },
      },
      {
        components: {
          responses: {
            NotFound: {
              description: "no",
              content: { "text/plain": { schema: { type: "string" } } },
            },
          },
        },
      },
    ),
    want: [
      "operation-other-change GET /t | - | changed outside what the rules compare (see the spec diff)",
    ],
  },
]);
