import { misspelledKeys } from "../../../spec/repairs/misspelled-keys.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const P = "/groups/{groupId}/apps/{appId}/security/refresh_token_expiration";
const op = (extra: Record<string, unknown>) => ({
  operationId: "x",
  ...extra,
  responses: { "204": { description: "ok" } },
});

repairTable(
  misspelledKeys,
  [
    {
      name: "descripti:on becomes description in place (094)",
      given: openapi({ paths: { [P]: { get: op({ "descripti:on": "Get the expiration." }) } } }),
      want: openapi({ paths: { [P]: { get: op({ description: "Get the expiration." }) } } }),
      fixes: [
        "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1refresh_token_expiration/get/descripti:on",
      ],
    },
    {
      name: "a stray copy is dropped when the field is already set",
      given: openapi({
        paths: { [P]: { put: op({ description: "Set it.", "descripti:on": "old" }) } },
      }),
      want: openapi({ paths: { [P]: { put: op({ description: "Set it." }) } } }),
    },
  ],
  [
    openapi({ paths: { [P]: { get: op({ description: "d", "x-descripti:on": "ext" }) } } }),
    openapi({ paths: { [P]: { get: op({ "unrelated-key": 1 }) } } }),
  ],
);
