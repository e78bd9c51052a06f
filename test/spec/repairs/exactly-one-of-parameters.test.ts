import { childPointer } from "../../../spec/pointer.js";
import { exactlyOneOfParameters } from "../../../spec/repairs/exactly-one-of-parameters.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const EXECUTE = `${APP}/debug/execute_function`;
const SOURCE = `${APP}/debug/execute_function_source`;
const param = (name: string, type: string, required: boolean) => ({
  name,
  in: "query",
  description: "Either `user_id` or `run_as_system` is required. You cannot specify both.",
  schema: { type },
  ...(required ? { required: true } : {}),
});
const op = (repaired: boolean) => ({
  operationId: "x",
  parameters: [param("user_id", "string", !repaired), param("run_as_system", "boolean", !repaired)],
  ...(repaired ? { "x-exactly-one-of": [["user_id", "run_as_system"]] } : {}),
  responses: { "200": { description: "ok" } },
});
const spec = (repaired: boolean) =>
  openapi({ paths: { [EXECUTE]: { post: op(repaired) }, [SOURCE]: { post: op(repaired) } } });

repairTable(
  exactlyOneOfParameters,
  [
    {
      name: "both debug calls: the pair becomes optional and exactly-one-of",
      given: spec(false),
      want: spec(true),
      fixes: [childPointer("#/paths", EXECUTE, "post"), childPointer("#/paths", SOURCE, "post")],
    },
  ],
  [
    spec(true),
    // Only one of the two declared: nothing to pair.
    openapi({
      paths: {
        [EXECUTE]: {
          post: { parameters: [param("user_id", "string", true)], responses: {} },
        },
      },
    }),
  ],
);
