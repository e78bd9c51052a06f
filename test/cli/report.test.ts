import { describe, expect, it } from "vitest";
import { report } from "../../packages/cli/report.js";
import { createApiError } from "../../packages/core/errors.js";
import { Redactor } from "../../packages/core/redact.js";

const target = { method: "GET", path: "/groups/g1/apps", operationId: "adminListApplications" };
const failure = (status: number, retryAfter?: string) =>
  createApiError({
    ...target,
    status,
    body: { error: "slow down", error_code: "TooManyRequests" },
    headers: new Headers(retryAfter === undefined ? {} : { "retry-after": retryAfter }),
  });

describe("report", () => {
  it("a 429 with Retry-After says how long the server asks to wait", () => {
    expect(report(failure(429, "90"), new Redactor(), false)).toEqual({
      code: 5,
      text:
        "appservices-admin: GET /groups/g1/apps failed: 429 TooManyRequests: slow down " +
        "(the server asks to wait 90 s before trying again)\n",
    });
  });

  it("without Retry-After there is nothing to add", () => {
    expect(report(failure(503), new Redactor(), false).text).toBe(
      "appservices-admin: GET /groups/g1/apps failed: 503 TooManyRequests: slow down\n",
    );
  });
});
