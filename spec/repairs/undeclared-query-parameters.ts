/**
 * undeclared-query-parameters (semantic)
 *
 * What is wrong: the users list (`GET …/users`) filters by state and by authentication provider,
 * but no version declares the `status` and `provider_types` query parameters, so a generated
 * client drops them even when a caller passes them through a cast.
 *
 * Evidence: the official CLI sends `status` (`enabled` or `disabled`) and `provider_types` (a
 * comma-separated list of provider types) when listing users, and its server tests filter users by
 * both.
 *
 * Repair: both are declared as optional query parameters (`provider_types` as the comma-separated
 * string the CLI sends, like the spec's own `product` filter on the app list).
 * Touches: `#/paths/…~1users/get/parameters`.
 */
import { cli, fact } from "../evidence.js";
import { isObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH, operationAt } from "./shared.js";

const USERS = `${APP_PATH}/users`;
const TARGET = childPointer("#/paths", USERS, "get", "parameters");

const PARAMETERS = [
  {
    name: "status",
    in: "query",
    required: false,
    description: "Only list users in this state.",
    schema: { type: "string", enum: ["enabled", "disabled"] },
  },
  {
    name: "provider_types",
    in: "query",
    required: false,
    description:
      "Only list users with an identity from one of these authentication providers: a comma-separated list of provider types (`local-userpass,api-key`).",
    schema: { type: "string" },
  },
];

const FACT = fact(TARGET, "query parameters status, provider_types added", [
  cli(
    "cloud/realm/user.go",
    'getUsers sends "status" (UserState enabled|disabled) and "provider_types" (types joined with ",")',
  ),
  cli(
    "cloud/realm/user_ext_test.go",
    "FindUsers with State and Providers filters against the server",
  ),
]);

export const undeclaredQueryParameters: Repair = {
  id: "undeclared-query-parameters",
  defects: ["parameter-undeclared"],
  title: "The users list declares the `status` and `provider_types` filters the official CLI sends",
  inPinned: true,
  facts: [FACT],
  apply(doc, ctx) {
    const list = operationAt(doc, USERS, "get");
    if (!list) return;
    const params = Array.isArray(list.op.parameters) ? list.op.parameters : [];
    const missing = PARAMETERS.filter((p) => !params.some((q) => isObject(q) && q.name === p.name));
    if (missing.length === 0) return;
    list.op.parameters = [...params, ...structuredClone(missing)];
    ctx.fixed(TARGET, `added ${missing.map((p) => p.name).join(", ")}`);
  },
};
