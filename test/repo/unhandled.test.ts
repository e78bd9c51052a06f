/**
 * Meta-test of test/setup/fail-on-unhandled.ts: vitest, with the project's configuration, runs a
 * fixture suite that leaves rejections and exceptions nobody handles; each must fail the test it
 * happened in (or the file, for a hook), naming it, while the tests around it pass.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface JsonReport {
  success: boolean;
  testResults: {
    status: string;
    message: string;
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
}

it("an unhandled rejection or uncaught exception fails the test it happened in", async () => {
  const vitest = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));
  const config = "test/repo/fixtures/unhandled/vitest.config.ts";
  const args = [vitest, "run", "--config", config, "--reporter=json"];
  const run = await promisify(execFile)(process.execPath, args, { cwd: root }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => e,
  );
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(report.success).toBe(false);
  const [file] = report.testResults;
  const outcome = Object.fromEntries(
    file!.assertionResults.map((a) => [a.title, [a.status, a.failureMessages.join("\n")]]),
  );
  const failed = (title: string, kind: string, error: string) => [
    "failed",
    expect.stringContaining(
      `Error: test "${title}" (or a hook before it) left 1 error(s) nobody handled:\n` +
        `${kind}: Error: ${error}`,
    ),
  ];
  expect(outcome).toEqual({
    "passes before": ["passed", ""],
    "leaves a rejection dangling": failed(
      "leaves a rejection dangling",
      "an unhandled rejection",
      "rejected on purpose",
    ),
    "throws from a callback after returning": failed(
      "throws from a callback after returning",
      "an uncaught exception",
      "thrown on purpose",
    ),
    "leaves a rejection while some other listener is installed": failed(
      "leaves a rejection while some other listener is installed",
      "an unhandled rejection",
      "rejected beside another listener",
    ),
    "handles its own rejection": ["passed", ""],
  });
  expect(file!.status).toBe("failed");
  expect(file!.message).toBe(
    "this file, outside any test, left 1 error(s) nobody handled:\n" +
      "an unhandled rejection: Error: rejected in a hook",
  );
});
