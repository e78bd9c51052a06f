// A careless `userAgent` option: a line break or a character a header cannot carry, or a function
// that returns no text. fetch refused it on every request, each one failing as an
// AdminConnectionError (as if the network were down); the client refuses it when it is made,
// naming the option, as it does for every other option.
import { describe, expect, test } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";

describe("createAdminClient with a userAgent that cannot be sent", () => {
  test.each([
    ["a line break", "tool/1.0\r\nx-injected: 1"],
    ["a character above U+00FF", "tool/1.0 €"],
    ["a function returning no text", () => undefined as unknown as string],
    ["a function returning a number", () => 5 as unknown as string],
  ])("%s: a TypeError naming the option", (_what, userAgent) => {
    expect(() => createAdminClient({ userAgent })).toThrow(
      new TypeError(
        'userAgent option: header "User-Agent" cannot be sent: a header needs a token for a name and text without line breaks, NUL or characters above U+00FF',
      ),
    );
  });

  test("a Latin-1 tool name and a function's own text are taken", () => {
    expect(() => createAdminClient({ userAgent: "outil-café/1.0" })).not.toThrow();
    expect(() => createAdminClient({ userAgent: (sdk) => `mine ${sdk}` })).not.toThrow();
  });
});
