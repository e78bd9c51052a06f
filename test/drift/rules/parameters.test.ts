import { doc, ruleTable, thingOp } from "../helpers.js";

type Param = Record<string, unknown>;
const q = (name: string, extra: Param = {}): Param => ({
  name,
  in: "query",
  schema: { type: "string" },
  ...extra,
});
/** `GET /things/{thingId}` with these operation-level parameters (the path one at path level). */
const withParams = (...parameters: Param[]) =>
  doc({
    "/things/{thingId}": {
      parameters: [{ name: "thingId", in: "path", required: true, schema: { type: "string" } }],
      get: thingOp({ operationId: "adminGetThing", parameters }),
    },
  });
const OP = "GET /things/{thingId}";

ruleTable("parameter rules", [
  {
    name: "request-parameter-added-required",
    old: withParams(),
    new: withParams(q("limit", { required: true })),
    want: [
      `request-parameter-added-required ${OP} | query parameter limit | required query parameter limit added`,
    ],
  },
  {
    name: "request-parameter-added-optional",
    old: withParams(),
    new: withParams(q("limit")),
    want: [
      `request-parameter-added-optional ${OP} | query parameter limit | optional query parameter limit added`,
    ],
  },
  {
    name: "request-parameter-removed",
    old: withParams(q("limit"), q("skip")),
    new: withParams(q("skip")),
    want: [
      `request-parameter-removed ${OP} | query parameter limit | query parameter limit removed`,
    ],
  },
  {
    name: "matched by location and name, never by position",
    old: withParams(q("a"), q("b"), { name: "a", in: "header", schema: { type: "string" } }),
    new: withParams({ name: "A", in: "header", schema: { type: "string" } }, q("b"), q("a")),
    want: [],
  },
  {
    name: "same name, other location: removed and added",
    old: withParams(q("trace")),
    new: withParams({ name: "trace", in: "header", schema: { type: "string" } }),
    want: [
      `request-parameter-removed ${OP} | query parameter trace | query parameter trace removed`,
      `request-parameter-added-optional ${OP} | header parameter trace | optional header parameter trace added`,
    ],
  },
  {
    name: "request-parameter-became-required",
    old: withParams(q("limit")),
    new: withParams(q("limit", { required: true })),
    want: [
      `request-parameter-became-required ${OP} | query parameter limit | query parameter limit became required`,
    ],
  },
  {
    name: "request-parameter-became-optional",
    old: withParams(q("limit", { required: true })),
    new: withParams(q("limit", { required: false })),
    want: [
      `request-parameter-became-optional ${OP} | query parameter limit | query parameter limit became optional`,
    ],
  },
  {
    name: "request-parameter-type-changed",
    old: withParams(q("limit", { schema: { type: "string" } })),
    new: withParams(q("limit", { schema: { type: "integer" } })),
    want: [
      `request-parameter-type-changed ${OP} | query parameter limit | \`limit\`: type changed from string to integer`,
    ],
  },
  {
    name: "request-parameter-type-widened (integer -> number)",
    old: withParams(q("limit", { schema: { type: "integer" } })),
    new: withParams(q("limit", { schema: { type: "number" } })),
    want: [
      `request-parameter-type-widened ${OP} | query parameter limit | \`limit\`: type changed from integer to number`,
    ],
  },
  {
    name: "request-parameter-enum-value-removed",
    old: withParams(q("type", { schema: { type: "string", enum: ["A", "B"] } })),
    new: withParams(q("type", { schema: { type: "string", enum: ["A"] } })),
    want: [
      `request-parameter-enum-value-removed ${OP} | query parameter type | \`type\`: enum value "B" removed`,
    ],
  },
  {
    name: "request-parameter-enum-value-removed: a free value became an enum",
    old: withParams(q("type")),
    new: withParams(q("type", { schema: { type: "string", enum: ["A"] } })),
    want: [
      `request-parameter-enum-value-removed ${OP} | query parameter type | \`type\`: the schema is now restricted to "A"`,
    ],
  },
  {
    name: "request-parameter-enum-value-added",
    old: withParams(q("type", { schema: { type: "string", enum: ["A"] } })),
    new: withParams(q("type", { schema: { type: "string", enum: ["A", "B"] } })),
    want: [
      `request-parameter-enum-value-added ${OP} | query parameter type | \`type\`: enum value "B" added`,
    ],
  },
  {
    name: "request-parameter-serialization-changed (explicit default style is no change)",
    old: withParams(
      q("ids", { style: "form" }),
      q("tags", { schema: { type: "array", items: { type: "string" } } }),
    ),
    new: withParams(
      q("ids"),
      q("tags", { schema: { type: "array", items: { type: "string" } }, explode: false }),
    ),
    want: [
      `request-parameter-serialization-changed ${OP} | query parameter tags | query parameter tags serialization style=form, explode=true -> style=form, explode=false`,
    ],
  },
  {
    name: "request-parameter-schema-changed (a default on the parameter object counts, D27)",
    old: withParams(q("limit", { schema: { type: "integer" }, default: 100 })),
    new: withParams(q("limit", { schema: { type: "integer", default: 50 } })),
    want: [
      `request-parameter-schema-changed ${OP} | query parameter limit | \`limit\`: default changed from 100 to 50`,
    ],
  },
  {
    name: "an undeclared path parameter (D20) declared later is no change",
    old: doc({ "/things/{thingId}": { get: thingOp({ operationId: "adminGetThing" }) } }),
    new: withParams(),
    want: [],
  },
]);
