/**
 * npm run bench:bundle [-- --no-build] [-- --modules]
 * Bundle size of consumers of the SDK, bundled with esbuild (minified, ESM, node platform) against
 * the built package (packages/sdk/dist, through its `exports`, as an installed copy would resolve):
 *   - core: `createAdminCore` + one descriptor from `appservices-admin/operations/apps` (the
 *     tree-shakeable form; target <= 20 KB),
 *   - coreWithLogs: `createAdminCore` + `iterateLogs` (a helper takes the small client; target
 *     <= 24 KB),
 *   - namespaced: `createAdminClient` + `admin.apps.listApplications` (binds every operation).
 * Then the SDK's installed size: the packed tarball installed alone into an empty project, with
 * its dependencies (target <= 1.5 MB). Prints each size with its largest inputs (from the esbuild
 * metafile); the last line is {"bench":"bundle","bytes":<core>,"coreWithLogsBytes":...,
 * "namespacedBytes":...,"sdkInstallBytes":...,"targetBytes":20480,...}.
 * With `--modules`, first the bytes each source module puts into the core and coreWithLogs
 * bundles: the same consumers bundled against the sources (packages/, generated/), since the built
 * package's bundled files say only which file of dist/ they came from. Those totals differ a little
 * from the built package's (its chunks have their own wrappers).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";
import { projectRoot } from "../spec/source.js";
import { bundleConsumer, directoryBytes } from "./lib/package-checks.js";

const TARGET_BYTES = 20 * 1024;
const LOGS_TARGET_BYTES = 24 * 1024;
const INSTALL_TARGET_BYTES = 1.5 * 1024 * 1024;

const CONSUMERS = {
  core: `
import { createAdminCore } from "appservices-admin";
import { ListApplications } from "appservices-admin/operations/apps";
const admin = createAdminCore({ credentials: { publicKey: process.env.PK!, privateKey: process.env.SK! } });
console.log(await admin.call(ListApplications, { groupId: process.env.GROUP_ID! }));
`,
  coreWithLogs: `
import { createAdminCore, iterateLogs } from "appservices-admin";
const admin = createAdminCore({ credentials: { publicKey: process.env.PK!, privateKey: process.env.SK! } });
for await (const entry of iterateLogs(admin, { groupId: process.env.GROUP_ID!, appId: process.env.APP_ID! })) console.log(entry._id);
`,
  namespaced: `
import { createAdminClient } from "appservices-admin";
const admin = createAdminClient({ credentials: { publicKey: process.env.PK!, privateKey: process.env.SK! } });
console.log(await admin.apps.listApplications({ groupId: process.env.GROUP_ID! }));
`,
};

const { values } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    modules: { type: "boolean", default: false },
  },
});
if (values.modules) await printModules();
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
  const coreWithLogs = sizes["coreWithLogs"]!;
  const namespaced = sizes["namespaced"]!;
  const install = sdkInstallBytes(dir);
  console.log(
    `core ${within(core.bytes, TARGET_BYTES)}; core + iterateLogs ${within(coreWithLogs.bytes, LOGS_TARGET_BYTES)}; ` +
      `SDK install ${within(install, INSTALL_TARGET_BYTES)}; the namespaced client binds every operation (${kb(namespaced.bytes)})`,
  );
  console.log(
    JSON.stringify({
      bench: "bundle",
      bytes: core.bytes,
      gzipBytes: core.gzip,
      coreWithLogsBytes: coreWithLogs.bytes,
      coreWithLogsGzipBytes: coreWithLogs.gzip,
      namespacedBytes: namespaced.bytes,
      namespacedGzipBytes: namespaced.gzip,
      sdkInstallBytes: install,
      targetBytes: TARGET_BYTES,
      coreWithLogsTargetBytes: LOGS_TARGET_BYTES,
      sdkInstallTargetBytes: INSTALL_TARGET_BYTES,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Bytes on disk of the SDK installed alone: its tarball (npm pack of packages/sdk, already built)
 * installed into an empty project, node_modules with every dependency.
 */
function sdkInstallBytes(scratch: string): number {
  const out = join(scratch, "install");
  mkdirSync(join(out, "packed"), { recursive: true });
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", join(out, "packed")], {
      cwd: join(projectRoot, "packages", "sdk"),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  ) as { filename: string }[];
  writeFileSync(join(out, "package.json"), JSON.stringify({ name: "sdk-install", private: true }));
  execFileSync(
    "npm",
    [
      "install",
      join(out, "packed", packed!.filename),
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
    ],
    { cwd: out, stdio: ["ignore", "ignore", "inherit"] },
  );
  return directoryBytes(join(out, "node_modules"));
}

function within(bytes: number, target: number): string {
  return `${kb(bytes)} ${bytes <= target ? "within" : "OVER"} the ${kb(target)} target`;
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

/** The core and coreWithLogs consumers bundled against the sources: every module's bytes. */
async function printModules(): Promise<void> {
  const dir = mkdtempSync(join(projectRoot, ".cache", "bundle-modules-"));
  try {
    for (const name of ["core", "coreWithLogs"] as const) {
      const entry = join(dir, `${name}.ts`);
      const source = CONSUMERS[name]
        .replace(
          '"appservices-admin/operations/apps"',
          JSON.stringify(join(projectRoot, "generated", "operations", "apps.ts")),
        )
        .replace('"appservices-admin"', JSON.stringify(join(projectRoot, "packages", "index.ts")));
      writeFileSync(entry, source);
      const { code, metafile } = await bundleConsumer(entry, projectRoot);
      console.log(`${name} from the sources: ${code.byteLength} B minified; bytes per module:`);
      for (const [input, bytes] of largestInputs(metafile, Infinity)) {
        if (bytes > 0) console.log(`  ${String(bytes).padStart(6)}  ${input}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
