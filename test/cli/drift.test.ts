/**
 * `appservices-admin drift` delegates to the drift command: its report, options and exit codes
 * (0 compared, 1 --fail-on matched, 2 usage, 3 unusable input), with the help naming this CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { doc, thingOp } from "../drift/helpers.js";
import { runCli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "cli-drift-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};
const before = write(
  "before.json",
  doc({
    "/a": { get: thingOp({ operationId: "adminGetA" }) },
    "/b": { get: thingOp({ operationId: "adminGetB" }) },
  }),
);
// adminGetB is gone: breaking for a client.
const after = write("after.json", doc({ "/a": { get: thingOp({ operationId: "adminGetA" }) } }));
const broken = write(
  "broken.yaml",
  "openapi: 3.1.0\ninfo:\n  title: t\n  plain: scalar\n continued: here\n",
);

describe("appservices-admin drift", () => {
  it("compares two specs: 0 without --fail-on, the JSON report on stdout", async () => {
    const result = await runCli(["drift", before, after, "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { summary: { breaking: number } };
    expect(report.summary.breaking).toBeGreaterThan(0);
  });

  it("exits 1 with --fail-on breaking when a breaking change exists, 0 when none", async () => {
    const failing = await runCli(["drift", before, after, "--fail-on", "breaking"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("adminGetB");
    const same = await runCli(["drift", before, before, "--fail-on", "breaking"]);
    expect(same.code).toBe(0);
  });

  it("exits 2 on a bad command line and 3 on a spec it cannot parse", async () => {
    const usage = await runCli(["drift", before]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("expected <old-spec> <new-spec>");
    const unusable = await runCli(["drift", before, broken]);
    expect(unusable.code).toBe(3);
    expect(unusable.stderr).toMatch(/^drift: unusable input: /);
  });

  it("--help is the drift command's, naming this CLI", async () => {
    const result = await runCli(["drift", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Usage: appservices-admin drift <old-spec> <new-spec> \[options\]/,
    );
    expect(result.stdout).toContain("--fail-on");
  });
});
