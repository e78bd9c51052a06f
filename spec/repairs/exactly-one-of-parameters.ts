/**
 * exactly-one-of-parameters (semantic)
 *
 * What is wrong: `adminExecuteFunction` and `adminExecuteFunctionSource` mark both query parameters
 * `user_id` and `run_as_system` required, while their own descriptions say "Either `user_id` or
 * `run_as_system` is required. You cannot specify both." A typed call must then send both, which
 * the server refuses.
 *
 * Evidence: the parameters' descriptions (and seed 002 "Execute a function"); the official CLI
 * sends exactly one (`run_as_system=true` without a user, else `user_id`); the Stitch admin client
 * sends `user_id` alone.
 *
 * Repair: both parameters become optional and the operation gets the extension
 * `x-exactly-one-of: [["user_id", "run_as_system"]]`, which the generator turns into a params type
 * that accepts exactly one of them (and the emulator enforces).
 * Touches: `#/paths/…~1debug~1execute_function/post` and `…~1execute_function_source/post`.
 */
import { cli, docs, type Evidence, fact, specText, stitch } from "../evidence.js";
import { isObject } from "../json.js";
import { childPointer } from "../pointer.js";
import type { Repair } from "../repair.js";
import { APP_PATH, insertAfter, operationAt } from "./shared.js";

const GROUP = ["user_id", "run_as_system"];
const EXTENSION = "x-exactly-one-of";

const OPERATIONS: { path: string; evidence: Evidence[] }[] = [
  {
    path: `${APP_PATH}/debug/execute_function`,
    evidence: [
      specText(
        "adminExecuteFunction parameters user_id, run_as_system",
        '"Either … is required. You cannot specify both."',
      ),
      docs(
        'seed 002 (Admin API reference) "Execute a function"',
        "the same sentence on both parameters",
      ),
      cli(
        "cloud/realm/function.go",
        "AppDebugExecuteFunction sends run_as_system=true or user_id, never both",
      ),
      stitch("src/admin.js", "debug().executeFunction(userId, …) sends user_id alone"),
    ],
  },
  {
    path: `${APP_PATH}/debug/execute_function_source`,
    evidence: [
      specText(
        "adminExecuteFunctionSource parameters user_id, run_as_system",
        '"Either … is required. You cannot specify both."',
      ),
      stitch(
        "test/admin/debug.test.js",
        "runs a source with user_id, and as system with run_as_system alone",
      ),
    ],
  },
];

export const exactlyOneOfParameters: Repair = {
  id: "exactly-one-of-parameters",
  defects: ["either-or-parameters-required"],
  title:
    "`user_id` and `run_as_system` of the function debug calls: exactly one, not both required",
  inPinned: true,
  facts: OPERATIONS.map((o) =>
    fact(
      childPointer("#/paths", o.path, "post"),
      `both optional; ${EXTENSION}: [[${GROUP.join(", ")}]]`,
      o.evidence,
    ),
  ),
  apply(doc, ctx) {
    for (const { path } of OPERATIONS) {
      const found = operationAt(doc, path, "post");
      if (!found || !Array.isArray(found.op.parameters) || EXTENSION in found.op) continue;
      const params = found.op.parameters.filter(
        (p: unknown) => isObject(p) && p.in === "query" && GROUP.includes(p.name as string),
      ) as Record<string, unknown>[];
      if (params.length !== GROUP.length) continue;
      for (const p of params) delete p.required;
      insertAfter(found.op, "parameters", EXTENSION, [[...GROUP]]);
      ctx.fixed(found.pointer, `${GROUP.join(" and ")}: exactly one of them (${EXTENSION})`);
    }
  },
};
