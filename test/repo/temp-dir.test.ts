/**
 * Meta-test of test/setup/temp-dir.ts and temp-per-file.ts: vitest, with the project's
 * configuration, runs fixture suites that leave things in the temp dir. What a test file leaves in
 * its folder fails that file, named; what is left beside the files' folders fails the run (exit
 * code 1, listed) though every test passed; a scratch folder goes with its file even when a test
 * failed; and each run's folder is removed whatever happened.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = "test/repo/fixtures/temp";

interface JsonReport {
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { title: string; status: string }[];
  }[];
}

/** The fixture suites given run by vitest with the project's configuration. */
async function runFixtures(names: string[]) {
  const vitest = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));
  const files = names.map((name) => `${FIXTURES}/${name}.fixture.ts`);
  const args = [vitest, "run", "--config", `${FIXTURES}/vitest.config.ts`, "--reporter=json"];
  const run = await promisify(execFile)(process.execPath, [...args, ...files], { cwd: root }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  const report = JSON.parse(run.stdout) as JsonReport;
  const outcome = Object.fromEntries(
    report.testResults.map((file) => [
      file.name.slice(root.length + FIXTURES.length + 1),
      {
        status: file.status,
        message: file.message,
        tests: Object.fromEntries(file.assertionResults.map((a) => [a.title, a.status])),
      },
    ]),
  );
  return { code: run.code, stderr: run.stderr, outcome };
}

it("a leftover fails its file or the run, named, and nothing stays behind", async () => {
  const [files, stray] = await Promise.all([
    runFixtures(["leaky", "tidy"]),
    runFixtures(["stray"]),
  ]);
  expect(files.outcome).toEqual({
    "leaky.fixture.ts": {
      status: "failed",
      message: expect.stringMatching(
        /^test\/repo\/fixtures\/temp\/leaky\.fixture\.ts left 1 path\(s\) in its temporary folder \(now removed\); .*: left-behind-\w{6}$/,
      ),
      tests: {
        "leaves a folder in the temp dir": "passed",
        "fails after making a scratch folder": "failed",
      },
    },
    "tidy.fixture.ts": {
      status: "passed",
      message: "",
      tests: { "removes its folder": "passed", "makes a scratch folder": "passed" },
    },
  });
  expect(files.code).toBe(1);
  // The scratch folders, the failed test's too, went with their files: the run's end finds nothing.
  expect(files.stderr).not.toContain("the run left");
  // Only the run's end sees the stray file; the run fails though its test passed.
  expect(stray.outcome).toEqual({
    "stray.fixture.ts": {
      status: "passed",
      message: "",
      tests: { "writes beside the test files' folders": "passed" },
    },
  });
  expect(stray.stderr).toContain(
    "the run left 1 path(s) in its temporary folder (now removed); remove them where they are " +
      "made, also when a test fails:\n  stray.txt (made outside any test file)\n",
  );
  expect(stray.code).toBe(1);
  // Each fixture run made its folder in this file's temp dir (its TMPDIR) and removed it.
  expect(readdirSync(tmpdir())).toEqual([]);
});
