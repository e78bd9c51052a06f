import { describe, expect, it } from "vitest";
import { exitCodeOf, report } from "../../packages/cli/report.js";
import { PushAppError } from "../../packages/config/errors.js";
import { DeploymentFailedError, DeploymentTimeoutError } from "../../packages/deploy/errors.js";
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

describe("exitCodeOf a deployment's end", () => {
  const pending = { _id: "d1", status: "pending" as const };
  const failed = { _id: "d1", status: "failed" as const, status_error_message: "bad" };
  const progress = {
    draftId: "dr1",
    draftDiscarded: false,
    importSent: true,
    deploymentId: "d1",
    hostingApplied: [],
  };

  it("a wait that ran out is 8, alone or as a push's cause; a failed deployment stays 7", () => {
    const timedOut = new DeploymentTimeoutError("d1", 1000, pending);
    expect(exitCodeOf(timedOut)).toBe(8);
    expect(exitCodeOf(new PushAppError("while waiting", progress, "", timedOut))).toBe(8);
    const failure = new DeploymentFailedError("d1", failed);
    expect(exitCodeOf(new PushAppError("while deploying", progress, "", failure))).toBe(7);
  });
});
