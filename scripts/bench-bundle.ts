/**
 * npm run bench:bundle [-- --no-build]
 * Bundle size of a consumer that creates a client and calls one operation, bundled with esbuild
 * (minified, ESM, node platform) against the built package (dist/, through its `exports`, as an
 * installed copy would resolve). Two consumers:
 *   - core: `createAdminCore` + one descriptor from `appservices-admin/operations/apps` (the
 *     tree-shakeable form; target <= 25 KB),
 *   - namespaced: `createAdminClient` + `admin.apps.listApplications` (binds every operation).
 * Prints each size with its largest inputs (from the esbuild metafile); the last line is
 * {"bench":"bundle","bytes":<core>,"namespacedBytes":<namespaced>,"targetBytes":25600,...}.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";
import { projectRoot } from "../spec/source.js";
import { bundleConsumer } from "./lib/package-checks.js";

const TARGET_BYTES = 25 * 1024;

const CONSUMERS = {
  core: `
import { createAdminCore } from "appservices-admin";
import { ListApplications } from "appservices-admin/operations/apps";
const admin = createAdminCore({ credentials: { publicKey: process.env.PK!, privateKey: process.env.SK! } });
console.log(await admin.call(ListApplications, { groupId: process.env.GROUP_ID! }));
`,
  namespaced: `
import { createAdminClient } from "appservices-admin";
const admin = createAdminClient({ credentials: { publicKey: process.env.PK!, privateKey: process.env.SK! } });
console.log(await admin.apps.listApplications({ groupId: process.env.GROUP_ID! }));
`,
};

const { values } = parseArgs({ options: { "no-build": { type: "boolean", default: false } } });
if (!values["no-build"]) {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: projectRoot, stdio: "inherit" });
}

// node_modules/appservices-admin -> packages/sdk: the package resolves through its exports to
// its dist/, and its dependency from the repository's node_modules, as in an installed copy.
const dir = mkdtempSync(join(tmpdir(), "appservices-admin-bundle-"));
try {
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(
    join(projectRoot, "packages", "sdk"),
    join(dir, "node_modules", "appservices-admin"),
    "dir",
  );
  const sizes: Record<string, { bytes: number; gzip: number }> = {};
  for (const [name, source] of Object.entries(CONSUMERS)) {
    const entry = join(dir, `${name}.ts`);
    writeFileSync(entry, source);
    const result = await bundleConsumer(entry, dir);
    const { code } = result;
    sizes[name] = { bytes: code.byteLength, gzip: gzipSync(code).byteLength };
    console.log(`${name}: ${kb(code.byteLength)} minified, ${kb(sizes[name]!.gzip)} gzipped`);
    for (const [input, bytes] of largestInputs(result.metafile, 8))
      console.log(`  ${kb(bytes).padStart(9)}  ${input}`);
  }
  const core = sizes["core"]!;
  const namespaced = sizes["namespaced"]!;
  console.log(
    `core ${core.bytes <= TARGET_BYTES ? "within" : "OVER"} the ${kb(TARGET_BYTES)} target; the namespaced client binds every operation (${kb(namespaced.bytes)})`,
  );
  console.log(
    JSON.stringify({
      bench: "bundle",
      bytes: core.bytes,
      gzipBytes: core.gzip,
      namespacedBytes: namespaced.bytes,
      namespacedGzipBytes: namespaced.gzip,
      targetBytes: TARGET_BYTES,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Output bytes per input file, largest first, paths shown from the package or dependency root. */
function largestInputs(metafile: Metafile, count: number): [string, number][] {
  const output = Object.values(metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]): [string, number] => [
      path.replace(/^.*node_modules\//, ""),
      bytesInOutput,
    ])
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
