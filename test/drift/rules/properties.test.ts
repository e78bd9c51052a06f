import { requestDoc, responseDoc, ruleTable } from "../helpers.js";

const obj = (properties: Record<string, unknown>, required?: string[]) => ({
  type: "object",
  properties,
  ...(required ? { required } : {}),
});
const str = { type: "string" };
const REQ = "POST /things | request body application/json |";
const RES = "GET /things | response 200 application/json |";

ruleTable("request property rules", [
  {
    name: "request-property-added-required",
    old: requestDoc(obj({ a: str })),
    new: requestDoc(obj({ a: str, b: str }, ["b"])),
    want: [`request-property-added-required ${REQ} property \`b\` added (required)`],
  },
  {
    name: "request-property-added-optional (a readOnly one is ignored)",
    old: requestDoc(obj({ a: str })),
    new: requestDoc(obj({ a: str, b: str, _id: { type: "string", readOnly: true } }, ["_id"])),
    want: [`request-property-added-optional ${REQ} property \`b\` added`],
  },
  {
    name: "request-property-removed",
    old: requestDoc(obj({ a: str, b: str })),
    new: requestDoc(obj({ a: str })),
    want: [`request-property-removed ${REQ} property \`b\` removed`],
  },
  {
    name: "request-property-became-required, nested in an array",
    old: requestDoc(obj({ list: { type: "array", items: obj({ name: str }) } })),
    new: requestDoc(obj({ list: { type: "array", items: obj({ name: str }, ["name"]) } })),
    want: [`request-property-became-required ${REQ} \`list[].name\` became required`],
  },
  {
    name: "request-property-became-optional",
    old: requestDoc(obj({ a: str }, ["a"])),
    new: requestDoc(obj({ a: str })),
    want: [`request-property-became-optional ${REQ} \`a\` became optional`],
  },
  {
    name: "request-property-type-changed",
    old: requestDoc(obj({ a: str })),
    new: requestDoc(obj({ a: { type: "integer" } })),
    want: [`request-property-type-changed ${REQ} type of \`a\` changed from string to integer`],
  },
  {
    name: "request-property-type-widened",
    old: requestDoc(obj({ a: str })),
    new: requestDoc(obj({ a: { type: ["string", "integer"] } })),
    want: [
      `request-property-type-widened ${REQ} type of \`a\` changed from string to integer | string`,
    ],
  },
  {
    name: "request-property-became-nullable",
    old: requestDoc(obj({ a: str })),
    new: requestDoc(obj({ a: { type: ["string", "null"] } })),
    want: [`request-property-became-nullable ${REQ} \`a\` became nullable`],
  },
  {
    name: "request-property-became-not-nullable (3.0 nullable form)",
    old: requestDoc(obj({ a: { type: "string", nullable: true } })),
    new: requestDoc(obj({ a: str })),
    want: [`request-property-became-not-nullable ${REQ} \`a\` is no longer nullable`],
  },
  {
    name: "request-property-enum-value-removed",
    old: requestDoc(obj({ a: { type: "string", enum: ["x", "y"] } })),
    new: requestDoc(obj({ a: { type: "string", enum: ["x"] } })),
    want: [`request-property-enum-value-removed ${REQ} enum value "y" removed from \`a\``],
  },
  {
    name: "request-property-enum-value-added: non-breaking in a request",
    old: requestDoc(obj({ a: { type: "string", enum: ["x"] } })),
    new: requestDoc(obj({ a: { type: "string", enum: ["x", "y"] } })),
    want: [`request-property-enum-value-added ${REQ} enum value "y" added to \`a\``],
  },
  {
    name: "request-one-of-variant-added and -removed, matched by component name",
    old: requestDoc(
      { oneOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] },
      { A: obj({ a: str }), B: obj({ b: str }) },
    ),
    new: requestDoc(
      { oneOf: [{ $ref: "#/components/schemas/C" }, { $ref: "#/components/schemas/A" }] },
      { A: obj({ a: str }), C: obj({ c: str }) },
    ),
    want: [
      "schema-removed - | - | schema `B` removed (model `B`)",
      `request-one-of-variant-removed ${REQ} variant B removed from the union`,
      "schema-added - | - | schema `C` added (model `C`)",
      `request-one-of-variant-added ${REQ} variant C added to the union`,
    ],
  },
  {
    name: "request-property-constraint-changed",
    old: requestDoc(obj({ a: { type: "string", maxLength: 10 } })),
    new: requestDoc(obj({ a: { type: "string", maxLength: 5, format: "date-time" } })),
    want: [
      `request-property-constraint-changed ${REQ} format of \`a\` changed from absent to "date-time"`,
      `request-property-constraint-changed ${REQ} maxLength of \`a\` changed from 10 to 5`,
    ],
  },
]);

ruleTable("response property rules", [
  {
    name: "response-property-added (required or not)",
    old: responseDoc(obj({ a: str })),
    new: responseDoc(obj({ a: str, b: str }, ["b"])),
    want: [`response-property-added ${RES} property \`b\` added (required)`],
  },
  {
    name: "response-property-removed (a writeOnly one is ignored)",
    old: responseDoc(obj({ a: str, b: str, secret: { type: "string", writeOnly: true } })),
    new: responseDoc(obj({ a: str })),
    want: [`response-property-removed ${RES} property \`b\` removed`],
  },
  {
    name: "response-property-became-optional",
    old: responseDoc(obj({ a: str }, ["a"])),
    new: responseDoc(obj({ a: str })),
    want: [`response-property-became-optional ${RES} \`a\` became optional`],
  },
  {
    name: "response-property-became-required",
    old: responseDoc(obj({ a: str })),
    new: responseDoc(obj({ a: str }, ["a"])),
    want: [`response-property-became-required ${RES} \`a\` became required`],
  },
  {
    name: "response-property-type-changed, also when widened",
    old: responseDoc(obj({ a: str, b: { type: "integer" } })),
    new: responseDoc(obj({ a: { type: "boolean" }, b: { type: "number" } })),
    want: [
      `response-property-type-changed ${RES} type of \`a\` changed from string to boolean`,
      `response-property-type-changed ${RES} type of \`b\` changed from integer to number`,
    ],
  },
  {
    name: "response-property-type-narrowed (D36: an unconstrained schema gets a type)",
    old: responseDoc(obj({ a: { description: "anything" } })),
    new: responseDoc(obj({ a: { type: "string", description: "anything" } })),
    want: [`response-property-type-narrowed ${RES} type of \`a\` changed from any to string`],
  },
  {
    name: "response-property-became-nullable (3.1 type array)",
    old: responseDoc(obj({ data: { type: "object" } })),
    new: responseDoc(obj({ data: { type: ["object", "null"] } })),
    want: [`response-property-became-nullable ${RES} \`data\` became nullable`],
  },
  {
    name: "response-property-became-not-nullable",
    old: responseDoc(obj({ data: { oneOf: [str, { type: "null" }] } })),
    new: responseDoc(obj({ data: str })),
    want: [`response-property-became-not-nullable ${RES} \`data\` is no longer nullable`],
  },
  {
    name: "response-property-enum-value-added: potentially breaking in a response",
    old: responseDoc(obj({ status: { type: "string", enum: ["ok"] } })),
    new: responseDoc(obj({ status: { type: "string", enum: ["ok", "failed"] } })),
    want: [`response-property-enum-value-added ${RES} enum value "failed" added to \`status\``],
  },
  {
    name: "response-property-enum-value-removed (const is a one-value enum)",
    old: responseDoc(obj({ status: { type: "string", enum: ["ok", "failed"] } })),
    new: responseDoc(obj({ status: { type: "string", const: "ok" } })),
    want: [
      `response-property-enum-value-removed ${RES} enum value "failed" removed from \`status\``,
    ],
  },
  {
    name: "response-one-of-variant-added: matched by a single-value property, not by position",
    old: responseDoc({
      oneOf: [obj({ type: { const: "A" }, a: str }), obj({ type: { const: "B" }, b: str })],
    }),
    new: responseDoc({
      oneOf: [
        obj({ type: { const: "C" } }),
        obj({ type: { const: "B" }, b: str }),
        obj({ type: { const: "A" }, a: str }),
      ],
    }),
    want: [`response-one-of-variant-added ${RES} variant type=C added to the union`],
  },
  {
    name: "response-one-of-variant-removed",
    old: responseDoc({ anyOf: [obj({ type: { const: "A" } }), obj({ type: { const: "B" } })] }),
    new: responseDoc({
      anyOf: [obj({ type: { const: "A" } }), obj({ type: { const: "C" }, c: str })],
    }),
    want: [
      `response-one-of-variant-added ${RES} variant type=C added to the union`,
      `response-one-of-variant-removed ${RES} variant type=B removed from the union`,
    ],
  },
  {
    name: "response-property-constraint-changed",
    old: responseDoc(obj({ at: { type: "string" } })),
    new: responseDoc(obj({ at: { type: "string", format: "date-time" } })),
    want: [
      `response-property-constraint-changed ${RES} format of \`at\` changed from absent to "date-time"`,
    ],
  },
]);
