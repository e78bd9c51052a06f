import { doc, ruleTable, thingOp } from "../helpers.js";

const json = (schema: unknown = { type: "object" }) => ({ "application/json": { schema } });
const withBody = (requestBody?: Record<string, unknown>) =>
  doc({ "/things": { post: thingOp(requestBody ? { requestBody } : {}) } });
const withResponses = (responses: Record<string, unknown>) =>
  doc({ "/things": { post: thingOp({ responses }) } });
const ok = (content?: Record<string, unknown>) => ({
  description: "ok",
  ...(content ? { content } : {}),
});
const OP = "POST /things";

ruleTable("request body rules", [
  {
    name: "request-body-added-required",
    old: withBody(),
    new: withBody({ required: true, content: json() }),
    want: [`request-body-added-required ${OP} | request body | required request body added`],
  },
  {
    name: "request-body-added-optional",
    old: withBody(),
    new: withBody({ content: json() }),
    want: [`request-body-added-optional ${OP} | request body | optional request body added`],
  },
  {
    name: "request-body-removed",
    old: withBody({ required: true, content: json() }),
    new: withBody(),
    want: [`request-body-removed ${OP} | request body | request body removed`],
  },
  {
    name: "request-body-became-required",
    old: withBody({ required: false, content: json() }),
    new: withBody({ required: true, content: json() }),
    want: [`request-body-became-required ${OP} | request body | request body became required`],
  },
  {
    name: "request-body-became-optional",
    old: withBody({ required: true, content: json() }),
    new: withBody({ content: json() }),
    want: [`request-body-became-optional ${OP} | request body | request body became optional`],
  },
  {
    name: "request-body-media-type-removed and -added (JSON replaced by multipart, as D11)",
    old: withBody({ required: true, content: json() }),
    new: withBody({
      required: true,
      content: { "multipart/mixed": { schema: { type: "object" } } },
    }),
    want: [
      `request-body-media-type-removed ${OP} | request body | media type \`application/json\` removed`,
      `request-body-media-type-added ${OP} | request body | media type \`multipart/mixed\` added`,
    ],
  },
  {
    name: "a body behind a components/requestBodies ref is compared by content",
    old: doc(
      {
        "/things": { post: thingOp({ requestBody: { $ref: "#/components/requestBodies/Thing" } }) },
      },
      { components: { requestBodies: { Thing: { required: true, content: json() } } } },
    ),
    new: withBody({ required: true, content: json() }),
    want: [],
  },
]);

ruleTable("response rules", [
  {
    name: "response-success-status-removed",
    old: withResponses({ "200": ok(json()), "202": ok() }),
    new: withResponses({ "200": ok(json()) }),
    want: [`response-success-status-removed ${OP} | response 202 | success response 202 removed`],
  },
  {
    name: "response-success-status-changed (the body is compared across the change)",
    old: withResponses({
      "200": ok(json({ type: "object", properties: { id: { type: "string" } } })),
    }),
    new: withResponses({
      "201": ok(json({ type: "object", properties: { id: { type: "integer" } } })),
    }),
    want: [
      `response-property-type-changed ${OP} | response 200→201 application/json | type of \`id\` changed from string to integer`,
      `response-success-status-changed ${OP} | response 201 | success status 200 -> 201`,
    ],
  },
  {
    name: "response-success-status-added",
    old: withResponses({ "200": ok(json()) }),
    new: withResponses({ "200": ok(json()), "204": ok() }),
    want: [`response-success-status-added ${OP} | response 204 | success response 204 added`],
  },
  {
    name: "response-success-status-documented (D17: no success response before)",
    old: withResponses({ "401": ok() }),
    new: withResponses({ "204": ok(), "401": ok() }),
    want: [
      `response-success-status-documented ${OP} | response 204 | success response 204 documented`,
    ],
  },
  {
    name: "response-media-type-removed",
    old: withResponses({ "200": ok(json()) }),
    new: withResponses({ "200": ok() }),
    want: [
      `response-media-type-removed ${OP} | response 200 | media type \`application/json\` removed`,
    ],
  },
  {
    name: "response-media-type-added (D12: a body now typed)",
    old: withResponses({ "200": ok() }),
    new: withResponses({ "200": ok(json()) }),
    want: [
      `response-media-type-added ${OP} | response 200 | media type \`application/json\` added`,
    ],
  },
  {
    name: "response-error-status-added and -removed",
    old: withResponses({ "204": ok(), "404": ok() }),
    new: withResponses({ "204": ok(), "409": ok() }),
    want: [
      `response-error-status-added ${OP} | response 409 | error response 409 documented`,
      `response-error-status-removed ${OP} | response 404 | error response 404 no longer documented`,
    ],
  },
]);
