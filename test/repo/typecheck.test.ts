import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cpuBudget } from "../helpers/work-budget.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const compilers = {
  "TypeScript 5.9": "node_modules/typescript/bin/tsc",
  "TypeScript 7": "node_modules/tsc7/bin/tsc",
};

// The whole project under strict: generated and hand-written code, scripts, and the type tests
// (`expectTypeOf`, `@ts-expect-error` in test/**), which only fail when this check runs. Users are
// on both compilers, so both must accept it (`npm run typecheck` is the same check).
describe("the project type-checks under strict", () => {
  it.each(Object.entries(compilers))(
    "with %s",
    async (_name, tsc) => {
      const outcome = await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.json"], {
        cwd: root,
        maxBuffer: 1 << 26,
      }).then(
        () => "",
        (error: { stdout: string; stderr: string }) => `${error.stdout}${error.stderr}`,
      );
      expect(outcome).toBe("");
    },
    // Measured with /usr/bin/time: TypeScript 5.9 27.3 CPU-s, TypeScript 7 6.4 CPU-s.
    cpuBudget(30),
  );
});
