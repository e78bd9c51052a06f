import { doc, ruleTable, thingOp } from "../helpers.js";

const schemes = {
  tokenAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
  refreshAuth: { type: "http", scheme: "bearer" },
};
const spec = (extra: Record<string, unknown>, op: Record<string, unknown> = {}) =>
  doc(
    { "/things": { post: thingOp(op) } },
    { components: { securitySchemes: schemes }, security: [{ tokenAuth: [] }], ...extra },
  );
const OP = "POST /things | security |";

ruleTable("security and server rules", [
  {
    name: "operation-security-added",
    old: spec({}, { security: [] }),
    new: spec({}, {}),
    want: [`operation-security-added ${OP} security none -> tokenAuth`],
  },
  {
    name: "operation-security-removed",
    old: spec({}, {}),
    new: spec({}, { security: [] }),
    want: [`operation-security-removed ${OP} security tokenAuth -> none`],
  },
  {
    name: "operation-security-changed",
    old: spec({}, { security: [{ tokenAuth: [] }] }),
    new: spec({}, { security: [{ refreshAuth: [] }] }),
    want: [`operation-security-changed ${OP} security tokenAuth -> refreshAuth`],
  },
  {
    name: "global-security-changed, reported once rather than per inheriting operation",
    old: spec({}),
    new: spec({ security: [{ refreshAuth: [] }] }),
    want: ["global-security-changed - | security | security tokenAuth -> refreshAuth"],
  },
  {
    name: "security-scheme-removed, -added and -changed (its new description is documentation only)",
    old: spec({}),
    new: spec({
      components: {
        securitySchemes: {
          tokenAuth: { type: "apiKey", in: "header", name: "X-Token", description: "new" },
          apiKey: { type: "apiKey", in: "query", name: "key" },
        },
      },
      security: [{ tokenAuth: [] }],
    }),
    want: [
      'security-scheme-changed - | securitySchemes | security scheme `tokenAuth` changed: {"scheme":"bearer","type":"http"} -> {"in":"header","name":"X-Token","type":"apiKey"}',
      "security-scheme-removed - | securitySchemes | security scheme `refreshAuth` removed",
      "security-scheme-added - | securitySchemes | security scheme `apiKey` added",
      "spec-documentation-changed - | components/securitySchemes | documentation changed: components/securitySchemes/tokenAuth",
    ],
  },
  {
    name: "server-url-changed (the 2024 base URL move)",
    old: spec({ servers: [{ url: "https://realm.mongodb.com/api/admin/v3.0" }] }),
    new: spec({ servers: [{ url: "https://services.cloud.mongodb.com/api/admin/v3.0" }] }),
    want: [
      "server-url-changed - | servers | server `https://realm.mongodb.com/api/admin/v3.0` -> `https://services.cloud.mongodb.com/api/admin/v3.0`",
    ],
  },
  {
    name: "server-added and server-removed (variables take their defaults)",
    old: spec({ servers: [{ url: "https://a.example/v3" }, { url: "https://b.example/v3" }] }),
    new: spec({
      servers: [
        { url: "https://{host}/v3", variables: { host: { default: "a.example" } } },
        { url: "https://c.example/v3" },
        { url: "https://d.example/v3" },
      ],
    }),
    want: [
      "server-removed - | servers | server `https://b.example/v3` removed",
      "server-added - | servers | server `https://c.example/v3` added",
      "server-added - | servers | server `https://d.example/v3` added",
    ],
  },
]);
