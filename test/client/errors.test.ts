import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  AdminApiError,
  AdminAuthError,
  AdminBadRequestError,
  AdminConflictError,
  AdminError,
  AdminNotFoundError,
  AdminPermissionError,
  AdminRateLimitError,
  AdminServerError,
  createApiError,
  parseErrorBody,
} from "../../packages/core/errors.js";
import { Redactor } from "../../packages/core/redact.js";

const target = { method: "GET", path: "/groups/g1/apps", operationId: "adminListApplications" };

describe("createApiError", () => {
  test.each([
    [400, AdminBadRequestError],
    [401, AdminAuthError],
    [403, AdminPermissionError],
    [404, AdminNotFoundError],
    [409, AdminConflictError],
    [429, AdminRateLimitError],
    [500, AdminServerError],
    [503, AdminServerError],
    [418, AdminApiError],
  ] as const)("status %i -> %s", (status, Ctor) => {
    const error = createApiError({ ...target, status, body: { error: "boom" } });
    expect(error).toBeInstanceOf(Ctor);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toBeInstanceOf(AdminError);
    expect(error.name).toBe(Ctor.name);
    expect(error.status).toBe(status);
  });

  test.each([
    {
      given: { error: "draft already exists", error_code: "DraftAlreadyExists" },
      want: { message: "draft already exists", errorCode: "DraftAlreadyExists" },
    },
    { given: { error: "app not found" }, want: { message: "app not found", errorCode: undefined } },
    { given: "", want: { message: "Conflict", errorCode: undefined, body: undefined } },
    { given: undefined, want: { message: "Conflict", errorCode: undefined, body: undefined } },
    {
      given: "<html>gateway</html>",
      want: { message: "<html>gateway</html>", body: "<html>gateway</html>" },
    },
    { given: { error: "", error_code: "X" }, want: { message: "Conflict", errorCode: "X" } },
    { given: [1, 2], want: { message: "Conflict", errorCode: undefined } },
  ])("body $given", ({ given, want }) => {
    const error = createApiError({ ...target, status: 409, statusText: "Conflict", body: given });
    expect(error).toMatchObject(want);
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/groups/g1/apps");
    expect(error.operationId).toBe("adminListApplications");
  });

  test("no status text either: HTTP <status>", () => {
    expect(createApiError({ ...target, status: 502, statusText: "", body: "" }).message).toBe(
      "HTTP 502",
    );
  });

  test("a long raw body is cut for the message but kept whole in body", () => {
    const raw = "x".repeat(2000);
    const error = createApiError({ ...target, status: 500, body: raw });
    expect(error.message).toHaveLength(500);
    expect(error.body).toBe(raw);
  });

  test("JSON.stringify and inspect show the fields, the name and the message", () => {
    const error = createApiError({
      ...target,
      status: 404,
      body: { error: "app not found", error_code: "AppNotFound" },
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "AdminNotFoundError",
      message: "app not found",
      status: 404,
      errorCode: "AppNotFound",
      method: "GET",
      path: "/groups/g1/apps",
      operationId: "adminListApplications",
      body: { error: "app not found", error_code: "AppNotFound" },
    });
    expect(inspect(error)).toContain("AdminNotFoundError: app not found");
    expect(Object.keys(error)).not.toContain("name");
  });

  test("secrets in the body or message are redacted", () => {
    const redactor = new Redactor();
    redactor.add("0f5c3a1e-7d2b-4c8e-9f10-a1b2c3d4e5f6");
    const token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
    const error = createApiError(
      {
        ...target,
        status: 401,
        body: {
          error: `bad key 0f5c3a1e-7d2b-4c8e-9f10-a1b2c3d4e5f6 for Bearer ${token}`,
          access_token: token,
          nested: [token],
        },
      },
      redactor,
    );
    const shown = [
      error.message,
      JSON.stringify(error),
      error.stack,
      inspect(error, { depth: 10 }),
    ].join("\n");
    expect(shown).not.toContain("0f5c3a1e-7d2b");
    expect(shown).not.toContain(token);
    expect(error.message).toBe("bad key [REDACTED] for Bearer [REDACTED]");
    expect(error.body).toEqual({
      error: error.message,
      access_token: "[REDACTED]",
      nested: ["[REDACTED]"],
    });
  });
});

describe("own fields", () => {
  // What JSON.stringify, inspect and toJSON show follows this order: the class's declaration order.
  test("an API error's own fields in the order its class declares them", () => {
    const error = createApiError({
      ...target,
      status: 429,
      body: { error: "slow down", error_code: "TooMany" },
      headers: new Headers({ "retry-after": "2" }),
    });
    expect(Object.keys(error)).toEqual([
      "status",
      "errorCode",
      "method",
      "path",
      "operationId",
      "body",
      "retryAfterMs",
    ]);
  });
});

describe("name", () => {
  test("each class's name, on the prototype chain, assignable like any error's", () => {
    const error = createApiError({ ...target, status: 400, body: undefined });
    expect(error.name).toBe("AdminBadRequestError");
    expect(new AdminError("x").name).toBe("AdminError");
    expect(Object.getOwnPropertyNames(error)).not.toContain("name");
    error.name = "Renamed";
    expect(error.name).toBe("Renamed");
    expect(Object.keys(error)).not.toContain("name");
    expect(createApiError({ ...target, status: 400, body: undefined }).name).toBe(
      "AdminBadRequestError",
    );
  });
});

describe("parseErrorBody", () => {
  test.each([
    ["", undefined],
    ['{"error":"x"}', { error: "x" }],
    ["not json", "not json"],
  ])("%j", (text, want) => expect(parseErrorBody(text)).toEqual(want));
});
