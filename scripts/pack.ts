/**
 * npm run pack -- --out <dir> [--no-build]
 * Builds every published package (npm run build) and writes each one's tarball into <dir> with one
 * `npm pack` over the workspaces, then prints one JSON line:
 * {"packages":[{"name":"appservices-admin","file":"<dir>/appservices-admin-0.1.0.tgz"},...]}
 * (absolute paths, in build order), after npm's own `> script` banner unless run with
 * `npm run --silent pack`. Install them from there: `npm install <dir>/*.tgz`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../spec/source.js";
import { runMain } from "../spec/run-main.js";

runMain(() => {
  const { values } = parseArgs({
    options: { out: { type: "string" }, "no-build": { type: "boolean", default: false } },
  });
  if (!values.out) {
    console.error("usage: npm run pack -- --out <dir> [--no-build]");
    return 2;
  }
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  if (!values["no-build"]) {
    // Build output goes to stderr: stdout carries only the JSON line.
    execFileSync("npm", ["run", "--silent", "build"], {
      cwd: projectRoot,
      stdio: ["ignore", process.stderr, "inherit"],
    });
  }
  const report = execFileSync(
    "npm",
    ["pack", "--workspaces", "--json", "--pack-destination", out],
    { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const packed = JSON.parse(report) as { name: string; filename: string }[];
  const packages = packed.map(({ name, filename }) => ({ name, file: resolve(out, filename) }));
  console.log(JSON.stringify({ packages }));
});
