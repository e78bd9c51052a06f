import { childPointer } from "../../../spec/pointer.js";
import { anyJsonValues } from "../../../spec/repairs/any-json-values.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const EXECUTE = `${APP}/debug/execute_function`;
const SOURCE = `${APP}/debug/execute_function_source`;
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const result = (schema: unknown) => ({
  "200": { description: "ok", ...json({ properties: { result: schema, logs: {} } }) },
});

const spec = (repaired: boolean) =>
  openapi({
    paths: {
      [EXECUTE]: {
        post: {
          requestBody: json({
            properties: {
              name: { type: "string" },
              arguments: {
                type: "array",
                items: repaired
                  ? { description: "An argument: any JSON value." }
                  : { type: "string" },
              },
            },
          }),
          responses: result(
            repaired
              ? { description: "The function's return value: any JSON value." }
              : { type: "object" },
          ),
        },
      },
      [SOURCE]: {
        post: {
          responses: result(
            repaired
              ? { description: "The source's return value: any JSON value." }
              : { type: "object" },
          ),
        },
      },
    },
  });

const schema = (path: string, ...rest: string[]) => childPointer("#/paths", path, "post", ...rest);

repairTable(
  anyJsonValues,
  [
    {
      name: "arguments and results take any JSON",
      given: spec(false),
      want: spec(true),
      fixes: [
        schema(
          EXECUTE,
          "requestBody",
          "content",
          "application/json",
          "schema",
          "properties",
          "arguments",
          "items",
        ),
        schema(
          EXECUTE,
          "responses",
          "200",
          "content",
          "application/json",
          "schema",
          "properties",
          "result",
        ),
        schema(
          SOURCE,
          "responses",
          "200",
          "content",
          "application/json",
          "schema",
          "properties",
          "result",
        ),
      ],
    },
  ],
  [spec(true), openapi({})],
);
