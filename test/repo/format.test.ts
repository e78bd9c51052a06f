import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { cpuBudget } from "../helpers/work-budget.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const prettier = fileURLToPath(
  new URL("../../node_modules/prettier/bin/prettier.cjs", import.meta.url),
);

// The house style is prettier for everything, generated output included; `npm run format` fixes it.
// generated/ (a third of what prettier would read here) is checked once, by check-generated.test.ts:
// the committed tree equals the generator's output, and prettier leaves each of those files as is.
// The check costs 28.4 CPU-s (measured with /usr/bin/time).
const budget = cpuBudget(30);
it(
  "every file is formatted as prettier would format it",
  async () => {
    const outcome = await promisify(execFile)(
      process.execPath,
      [prettier, "--check", ".", "!generated/**"],
      { cwd: root },
    ).then(
      () => ({ code: 0, listed: "" }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        listed: `${error.stdout}${error.stderr}`,
      }),
    );
    expect(outcome.listed).toBe("");
    expect(outcome.code).toBe(0);
  },
  budget,
);
