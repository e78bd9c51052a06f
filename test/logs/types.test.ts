/**
 * Type tests of the log helpers, checked by `npm run typecheck` (this file is in tsconfig's
 * `include`): each `@ts-expect-error` fails the type check if the line below it ever compiles.
 * At run time vitest only confirms the file loads.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AppLog } from "../../generated/models.js";
import type { components } from "../../generated/schema.js";
import type { AdminClient } from "../../packages/client/create-admin-client.js";
import {
  iterateLogs,
  logPages,
  tailLogs,
  type LogEntry,
  type LogPage,
  type LogType,
} from "../../packages/index.js";

const app = { groupId: "g", appId: "a" };

/** Never called: its body is only type-checked. */
async function misuses(admin: AdminClient) {
  // @ts-expect-error a type the spec's enum does not have
  iterateLogs(admin, { ...app, type: "FUNCTIONS" });
  // @ts-expect-error a list with a type the spec's enum does not have
  logPages(admin, { ...app, type: ["FUNCTION", "LOGIN"] });
  // @ts-expect-error errors_only is a boolean, not a string
  iterateLogs(admin, { ...app, errors_only: "yes" });
  // @ts-expect-error a filter the API does not have
  iterateLogs(admin, { ...app, level: "error" });
  // @ts-expect-error a date that is neither a Date nor a string
  iterateLogs(admin, { ...app, start_date: 1700000000000 });
  // @ts-expect-error the cap is an option named maxEntries, not the API's per-page limit
  iterateLogs(admin, app, { limit: 10 });
  // @ts-expect-error a tail has no end
  tailLogs(admin, { ...app, end_date: new Date() });
  // @ts-expect-error appId is required
  logPages(admin, { groupId: "g" });
  for await (const entry of iterateLogs(admin, app)) {
    // @ts-expect-error a field no log schema has
    void entry.started_at;
  }
}

describe("log helper types", () => {
  it("type-checks the misuses above as errors (see npm run typecheck)", () => {
    expectTypeOf(misuses).toBeFunction();
  });

  it("types entries from the spec's log schema", () => {
    expectTypeOf<LogEntry>().toEqualTypeOf<AppLog>();
    expectTypeOf<LogEntry>().toEqualTypeOf<components["schemas"]["AppLog"]>();
    expectTypeOf(iterateLogs).returns.toEqualTypeOf<AsyncGenerator<AppLog, void, undefined>>();
    expectTypeOf(tailLogs).returns.toEqualTypeOf<AsyncGenerator<AppLog, void, undefined>>();
    expectTypeOf(logPages).returns.toEqualTypeOf<AsyncGenerator<LogPage, void, undefined>>();
    expectTypeOf<LogPage["logs"]>().toEqualTypeOf<AppLog[]>();
    expectTypeOf<LogPage["nextEndDate"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LogPage["nextSkip"]>().toEqualTypeOf<number | undefined>();
    // Base fields shared by every log type, and a narrowing by `type`.
    expectTypeOf<LogEntry["_id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LogEntry["started"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Extract<LogEntry, { type?: "GRAPHQL" }>["graphql_query"]>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<"FUNCTION">().toExtend<LogType>();
    expectTypeOf<"AUTH_TRIGGER">().toExtend<LogType>();
  });
});
