// A server that echoes what it was sent into the fields of its error body: every field of the
// error built from that body (not only `message` and `body`) is free of the client's secrets,
// however the error is shown.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createApiError } from "../../packages/core/errors.js";
import { REDACTED, Redactor } from "../../packages/core/redact.js";

const ACCESS = "access-token-0123456789abcdef";
const PRIVATE_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

function redactor(): Redactor {
  const r = new Redactor();
  r.add(ACCESS);
  r.add(PRIVATE_KEY, { pinned: true });
  return r;
}

describe("an error body echoing secrets", () => {
  test("error_code holding a token or key is redacted in errorCode, JSON and inspect", () => {
    const error = createApiError(
      {
        method: "GET",
        path: "/groups/g1/apps",
        status: 401,
        body: { error: "denied", error_code: `Bad${ACCESS}/${PRIVATE_KEY}` },
      },
      redactor(),
    );
    expect(error.errorCode).toBe(`Bad${REDACTED}/${REDACTED}`);
    for (const view of [JSON.stringify(error), inspect(error, { depth: 8 }), String(error)]) {
      expect(view).not.toContain(ACCESS);
      expect(view).not.toContain(PRIVATE_KEY);
    }
  });

  test("an ordinary error_code is kept as the server wrote it", () => {
    const error = createApiError(
      { method: "GET", path: "/x", status: 401, body: { error_code: "InvalidSession" } },
      redactor(),
    );
    expect(error.errorCode).toBe("InvalidSession");
  });
});
