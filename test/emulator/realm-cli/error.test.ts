// internal/cloud/realm/error_test.go: how the CLI reads a failed response (no request here).
import { describe, expect, it } from "vitest";
import { parseResponseError } from "./client.js";

const fields = (error: { message: string; code: string }) => ({
  message: error.message,
  code: error.code,
});

describe("TestServerError", () => {
  it("Should unmarshal a non-json response successfully", () => {
    expect(fields(parseResponseError("", "something bad happened"))).toEqual({
      message: "something bad happened",
      code: "",
    });
  });

  it("Should create error from an empty response with its status", () => {
    expect(fields(parseResponseError("something bad happened", ""))).toEqual({
      message: "something bad happened",
      code: "",
    });
  });

  it("Should unmarshal a server error payload without an error code successfully", () => {
    const payload = `{"error": "something bad happened"}`;
    expect(fields(parseResponseError("", payload))).toEqual({
      message: "something bad happened",
      code: "",
    });
  });

  it("Should unmarshal a server error payload with an error code successfully", () => {
    const payload = `{"error": "something bad happened","error_code": "AnErrorCode"}`;
    expect(fields(parseResponseError("", payload))).toEqual({
      message: "something bad happened",
      code: "AnErrorCode",
    });
  });
});
