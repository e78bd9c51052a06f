/**
 * npm run check:package
 * Packs every published package once (npm run pack builds them) and lints each tarball with
 * publint and, for those with entry points, @arethetypeswrong/cli under the ESM-only profile
 * (CommonJS is not shipped). Prints the reports and fails when any finds a problem. Offline: attw
 * is told not to look up @types packages.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { projectRoot } from "../spec/source.js";
import { attwArgs, bin, publintArgs } from "./lib/package-checks.js";
import { runMain } from "../spec/run-main.js";

runMain(() => {
  const dir = mkdtempSync(join(tmpdir(), "appservices-admin-pack-"));
  try {
    const { packages } = JSON.parse(
      execFileSync("npm", ["run", "--silent", "pack", "--", "--out", dir], {
        cwd: projectRoot,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    ) as { packages: { name: string; file: string }[] };
    let failed = 0;
    let checks = 0;
    for (const { name, file } of packages) {
      console.log(`\npacked ${name}: ${basename(file)}, ${kb(statSync(file).size)}`);
      const lints: [string, string[]][] = [["publint", [bin("publint"), ...publintArgs(file)]]];
      // The CLI package is a bin only: attw checks entry points' types.
      if (name !== "appservices-admin-cli") {
        lints.push(["attw", [bin("attw"), ...attwArgs(file, "table-flipped")]]);
      }
      for (const [lint, [command, ...args]] of lints) {
        checks++;
        console.log(`$ ${lint} ${basename(file)} ${args.slice(1, 6).join(" ")} ...`);
        const run = spawnSync(command!, args, { cwd: dir, stdio: "inherit" });
        if (run.status !== 0) failed++;
      }
    }
    if (failed > 0) {
      console.error(`\ncheck:package: ${failed} of ${checks} checks reported problems`);
      return 1;
    }
    console.log(
      `\ncheck:package: publint and attw report no problems in ${packages.length} packages`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
