/**
 * any-json-values (semantic)
 *
 * What is wrong: values that can be any JSON are typed narrower. The arguments of a function run
 * through `adminExecuteFunction` are declared `string[]`, and the `result` of both debug calls an
 * object, yet a function takes and returns whatever JSON it likes.
 *
 * Evidence: the official CLI passes arguments as `[]interface{}` and decodes `result` as
 * `interface{}`; its server test "should return string" gets the string "successful test" back and
 * "should return passed args" passes an object and an array. The Stitch admin client's test
 * executes a function with the numbers 777 and 23.
 *
 * Repair: each schema becomes unconstrained (`{description}`: any JSON value).
 * Touches: the three pointers in FACTS.
 */
import { cli, type Evidence, fact, stitch } from "../evidence.js";
import { isObject } from "../json.js";
import { getAt, childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH } from "./shared.js";

const EXECUTE = childPointer("#/paths", `${APP_PATH}/debug/execute_function`, "post");
const SOURCE = childPointer("#/paths", `${APP_PATH}/debug/execute_function_source`, "post");
const JSON_BODY = "requestBody/content/application~1json/schema";
const JSON_200 = "responses/200/content/application~1json/schema";

const ANY: { target: string; description: string; evidence: Evidence[] }[] = [
  {
    target: `${EXECUTE}/${JSON_BODY}/properties/arguments/items`,
    description: "An argument: any JSON value.",
    evidence: [
      cli(
        "cloud/realm/function.go",
        "AppDebugExecuteFunction(…, args []interface{}) sends them as `arguments`",
      ),
      cli(
        "cloud/realm/function_test.go",
        '"should return passed args" passes an object and an array',
      ),
      stitch("test/admin/debug.test.js", "executeFunction(userId, name, 777, 23)"),
    ],
  },
  {
    target: `${EXECUTE}/${JSON_200}/properties/result`,
    description: "The function's return value: any JSON value.",
    evidence: [
      cli("cloud/realm/function.go", "ExecutionResults.Result is interface{}"),
      cli("cloud/realm/function_test.go", '"should return string" gets result "successful test"'),
    ],
  },
  {
    target: `${SOURCE}/${JSON_200}/properties/result`,
    description: "The source's return value: any JSON value.",
    evidence: [
      cli(
        "cloud/realm/function.go",
        "ExecutionResults.Result is interface{} (same response shape)",
      ),
    ],
  },
];

export const anyJsonValues: Repair = {
  id: "any-json-values",
  defects: ["json-value-typed-narrow"],
  title: "Function arguments and results are any JSON value, not strings or objects only",
  inPinned: true,
  facts: ANY.map((a) => fact(a.target, "any JSON value", a.evidence)),
  apply(doc, ctx) {
    for (const a of ANY) {
      const schema = getAt(doc, a.target);
      if (!isObject(schema) || !("type" in schema || "items" in schema)) continue;
      for (const key of Object.keys(schema)) delete schema[key];
      schema.description = a.description;
      ctx.fixed(a.target, "any JSON value");
    }
  },
};
