/**
 * npm run check:package
 * Packs the package once (prepack builds dist/) and lints the tarball with publint and
 * @arethetypeswrong/cli under the ESM-only profile (CommonJS is not shipped). Prints both reports
 * and fails when either finds a problem. Offline: attw is told not to look up @types packages.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../spec/source.js";
import { attwArgs, bin, publintArgs } from "./lib/package-checks.js";
import { runMain } from "./lib/run-main.js";

runMain(() => {
  const dir = mkdtempSync(join(tmpdir(), "appservices-admin-pack-"));
  try {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", dir], {
        cwd: projectRoot,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    ) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
    const { filename, size, unpackedSize, entryCount } = packed[0]!;
    const tarball = join(dir, filename);
    console.log(
      `packed ${filename}: ${entryCount} files, ${kb(size)} (${kb(unpackedSize)} unpacked)`,
    );
    const checks = [
      ["publint", [bin("publint"), ...publintArgs(tarball)]],
      ["attw", [bin("attw"), ...attwArgs(tarball, "table-flipped")]],
    ] as const;
    let failed = 0;
    for (const [name, [command, ...args]] of checks) {
      console.log(`\n$ ${name} ${args.slice(0, 6).join(" ").replace(tarball, filename)} ...`);
      const run = spawnSync(command, args, { cwd: dir, stdio: "inherit" });
      if (run.status !== 0) failed++;
    }
    if (failed > 0) {
      console.error(`\ncheck:package: ${failed} of ${checks.length} checks reported problems`);
      return 1;
    }
    console.log("\ncheck:package: publint and attw report no problems");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
