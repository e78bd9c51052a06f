/**
 * The `logs` text form (run time, status, console output, as the official CLI prints entries)
 * and the local check of `--type`.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../packages/cli/exit-codes.js";
import { formatLogEntry, parseLogTypes } from "../../packages/cli/log-format.js";
import type { LogEntry } from "../../packages/logs/index.js";

const entry = (fields: Record<string, unknown>) => fields as LogEntry;

describe("formatLogEntry", () => {
  it.each([
    {
      name: "a function with console output",
      given: {
        type: "FUNCTION",
        started: "2024-05-01T12:00:00.5Z",
        completed: "2024-05-01T12:00:00.912Z",
        function_name: "onOrder",
        messages: ["received 3 items", { total: 9 }],
      },
      want:
        "2024-05-01T12:00:00.5Z     [412ms]  FUNCTION                onOrder  OK\n" +
        "    received 3 items\n" +
        '    {"total":9}\n',
    },
    {
      name: "a failed trigger, over a second, its error on one line",
      given: {
        type: "DB_TRIGGER",
        started: "2024-05-01T12:00:00Z",
        completed: "2024-05-01T12:00:01.25Z",
        event_subscription_name: "onInsert",
        error: "boom\n  at line 3",
        error_code: "FunctionExecutionError",
      },
      want: "2024-05-01T12:00:00Z       [1.25s]  DB_TRIGGER              onInsert  error: FunctionExecutionError boom at line 3\n",
    },
    {
      name: "an auth event named by its provider, no completion time",
      given: {
        type: "AUTH",
        started: "2024-05-01T12:00:00Z",
        auth_event: { provider: "local-userpass" },
      },
      want: "2024-05-01T12:00:00Z            []  AUTH                    local-userpass  OK\n",
    },
  ])("$name", ({ given, want }) => {
    expect(formatLogEntry(entry(given))).toBe(want);
  });
});

describe("parseLogTypes", () => {
  it("takes the API's types in any case, and the official CLI's groups", () => {
    expect(parseLogTypes("function, auth")).toEqual(["FUNCTION", "AUTH"]);
    expect(parseLogTypes("trigger,FUNCTION")).toEqual([
      "AUTH_TRIGGER",
      "DB_TRIGGER",
      "SCHEDULED_TRIGGER",
      "FUNCTION",
    ]);
    expect(parseLogTypes("schema")).toEqual([
      "SCHEMA_ADDITIVE_CHANGE",
      "SCHEMA_GENERATION",
      "SCHEMA_VALIDATION",
    ]);
  });

  it("refuses an unknown type, listing the known ones", () => {
    expect(() => parseLogTypes("function,fucntion")).toThrow(UsageError);
    expect(() => parseLogTypes("function,fucntion")).toThrow(
      /^--type: unknown log type "FUCNTION"; known: TRIGGER_FAILURE, .*, or the groups TRIGGER, SERVICE, SYNC, SCHEMA$/,
    );
    expect(() => parseLogTypes(" , ")).toThrow('--type needs at least one log type, got " , "');
  });
});
