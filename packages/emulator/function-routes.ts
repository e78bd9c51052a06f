import { APP_BASE } from "./collections.js";
import { HttpError, invalidParameter, type RequestContext } from "./http.js";
import { resourceNotFound } from "./resource-errors.js";
import type { ResourceContext } from "./resource-routes.js";
import { replyFor } from "./responses.js";
import type { AppState } from "./state.js";

/** What a scripted function answers (`control.stubFunction`): the emulator runs no JavaScript. */
export interface FunctionStub {
  result?: unknown;
  logs?: string[];
  error_logs?: string[];
}

/**
 * Registers `POST …/debug/execute_function` and `…/execute_function_source`. They take exactly one
 * of `user_id` and `run_as_system=true` (docs 002: "Either user_id or run_as_system is required.
 * You cannot specify both."; the official CLI sends one or the other: realm-cli function.go), and
 * any JSON as `arguments` (the CLI sends objects and arrays). Nothing is evaluated: the answer has
 * the documented shape, `result` only when a test scripted one.
 */
export function registerFunctionRoutes(
  rc: ResourceContext,
  stubs: Map<string, FunctionStub>,
): void {
  for (const [suffix, operation] of [
    ["/debug/execute_function", "adminExecuteFunction"],
    ["/debug/execute_function_source", "adminExecuteFunctionSource"],
  ] as const) {
    rc.router.add({
      method: "POST",
      template: APP_BASE + suffix,
      operation,
      options: {
        auth: "access",
        // The spec marks both required; the docs and the CLI send exactly one.
        optionalQuery: ["user_id", "run_as_system"],
      },
      handler: (ctx) => {
        const app = rc.state.requireApp(ctx.params.groupId!, ctx.params.appId!);
        checkIdentity(ctx, app);
        const body = (ctx.json ?? {}) as { name?: unknown; source?: unknown };
        let stub: FunctionStub | undefined;
        if (operation === "adminExecuteFunction") {
          const name = body.name;
          if (typeof name !== "string") throw invalidParameter("body.name", "is required");
          if (!app.store.list("functions").some((f) => f.name === name))
            throw resourceNotFound("functions", name);
          stub = stubs.get(name);
        }
        const answer = {
          ...(stub?.result !== undefined ? { result: stub.result } : {}),
          logs: stub?.logs ?? [],
          ...(stub?.error_logs ? { error_logs: stub.error_logs } : {}),
          stats: { execution_time: "0s" },
        };
        const op = rc.registry?.operation(operation);
        return op ? replyFor(rc.registry, operation, op, answer) : { status: 200, body: answer };
      },
    });
  }
}

function checkIdentity(ctx: RequestContext, app: AppState): void {
  const userId = ctx.query.get("user_id");
  const system = ctx.query.get("run_as_system");
  const asSystem = system === "true";
  if (system !== null && system !== "true" && system !== "false")
    throw invalidParameter("query parameter 'run_as_system'", "must be true or false");
  if ((userId !== null && userId !== "") === asSystem) {
    throw new HttpError(
      400,
      "invalid query: give exactly one of user_id and run_as_system=true",
      "InvalidParameter",
    );
  }
  if (userId && !app.store.has("users", userId)) throw resourceNotFound("users", userId);
}
