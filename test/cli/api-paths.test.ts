/**
 * `matchOperation`, the path check of `appservices-admin api`: table-driven, over the generated
 * operations table.
 */
import { describe, expect, it } from "vitest";
import { matchOperation } from "../../packages/cli/api-paths.js";
import { UsageError } from "../../packages/cli/exit-codes.js";

const G = "5f1a2b3c4d5e6f7a8b9c0d1e";
const A = "6a1b2c3d4e5f6a7b8c9d0e1f";

describe("matchOperation", () => {
  it.each([
    {
      given: ["GET", `/groups/${G}/apps/${A}/values`],
      want: { operationId: "adminListValues", values: { groupId: G, appId: A } },
    },
    {
      given: [
        "GET",
        `https://services.cloud.mongodb.com/api/admin/v3.0/groups/${G}/apps?product=atlas`,
      ],
      want: { operationId: "adminListApplications", values: { groupId: G } },
    },
    {
      given: ["GET", "/groups/{groupId}/apps/{appId}/logs"],
      want: { operationId: "adminGetLogs", values: { groupId: "{groupId}", appId: "{appId}" } },
    },
    {
      // A literal segment beats a template variable at the same place.
      given: ["POST", `/groups/${G}/apps/${A}/services/s1/commands/generate_schema`],
      want: {
        operationId: "adminGenerateSchema",
        values: { groupId: G, appId: A, serviceId: "s1" },
      },
    },
    {
      given: ["POST", `/groups/${G}/apps/${A}/services/s1/commands/my_command`],
      want: { operationId: "adminRunCommand", values: { commandName: "my_command" } },
    },
  ])("$given.0 $given.1", ({ given, want }) => {
    const matched = matchOperation(given[0]!, given[1]!);
    expect(matched.operation.operationId).toBe(want.operationId);
    expect(matched.values).toMatchObject(want.values);
  });

  it.each([
    {
      given: ["GET", `/groups/${G}/apps/${A}/valeus`],
      message: `no known operation GET /groups/${G}/apps/${A}/valeus; did you mean GET /groups/{groupId}/apps/{appId}/values?`,
    },
    {
      given: ["GET", "/groups/{groupId}/apps/{appId}/function"],
      message: "did you mean GET /groups/{groupId}/apps/{appId}/functions?",
    },
    {
      given: ["DELETE", `/groups/${G}/apps/${A}/logs`],
      message: "DELETE is not an operation of /groups/{groupId}/apps/{appId}/logs; it takes GET",
    },
    {
      given: ["GET", "/nothing/like/this/at/all/anywhere"],
      message:
        "no known operation GET /nothing/like/this/at/all/anywhere (appservices-admin api --list shows them all)",
    },
  ])("refuses $given.0 $given.1", ({ given, message }) => {
    const attempt = () => matchOperation(given[0]!, given[1]!);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});
