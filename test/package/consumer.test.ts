/**
 * The package as a user gets it: one `npm pack` (prepack builds dist/) and one install into an
 * empty project, shared by every case. The strict consumer type-checks under `node16` and
 * `bundler` resolution with TypeScript 5.9 and TypeScript 7, then runs with node against the
 * emulator from the installed package; the installed `appservices-admin` bin runs too. publint
 * and attw (ESM-only profile) must find nothing in the same tarball.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { pinnedSpecPath, projectRoot } from "../../spec/source.js";
import { attwArgs, bin, bundleConsumer, publintArgs } from "../../scripts/lib/package-checks.js";
import { CONSUMER_SOURCE } from "./consumer-source.js";
import { installInto, pack, run, type PackInfo } from "./pack.js";

const COMPILERS = {
  "TypeScript 5.9": join(projectRoot, "node_modules", "typescript", "bin", "tsc"),
  "TypeScript 7": join(projectRoot, "node_modules", "tsc7", "bin", "tsc"),
};
const RESOLUTIONS = {
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
};

let project: string;
let tarball: string;
let info: PackInfo;
let emu: RunningEmulator;

beforeAll(async () => {
  ({ tarball, info } = await pack());
  project = await installInto(tarball);
  writeFileSync(join(project, "consumer.ts"), CONSUMER_SOURCE);
  for (const [name, resolution] of Object.entries(RESOLUTIONS)) {
    writeFileSync(
      join(project, `tsconfig.${name}.json`),
      JSON.stringify(strictConfig(resolution), null, 2),
    );
  }
  emu = await startEmulator({ logs: { count: 30 } });
}, 300_000);

afterAll(async () => {
  await emu?.stop();
});

/** A strict consumer's settings; libraries' declarations are checked too (no skipLibCheck). */
function strictConfig(resolution: { module: string; moduleResolution: string }) {
  return {
    compilerOptions: {
      ...resolution,
      target: "ES2022",
      lib: ["ES2023"],
      types: ["node"],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      skipLibCheck: false,
      noEmit: true,
    },
    files: ["consumer.ts"],
  };
}

describe("the packed tarball", () => {
  it("holds the built package only: JavaScript, declarations, the emulator's schemas, the bin", () => {
    const paths = info.files.map((f) => f.path);
    const installed = join(project, "node_modules", "appservices-admin");
    console.log(
      `tarball ${info.filename}: ${info.entryCount} files, ${kb(info.size)} packed, ${kb(info.unpackedSize)} unpacked; ` +
        `installed package ${kb(directorySize(installed))}, with dependencies ${kb(directorySize(join(project, "node_modules")))}`,
    );
    for (const required of [
      "package.json",
      "README.md",
      "dist/packages/index.js",
      "dist/packages/index.d.ts",
      "dist/packages/cli/main.js",
      "dist/generated/operation-schemas.json",
      "dist/generated/operations/apps.js",
      "dist/spec/load.js",
      "dist/generator/naming.js",
      "LICENSE",
    ]) {
      expect(paths, required).toContain(required);
    }
    const unexpected = paths.filter(
      (p) =>
        !["package.json", "README.md", "LICENSE"].includes(p) &&
        !/^dist\/.+\.(js|d\.ts|json)$/.test(p),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => /^dist\/(scripts|test)\//.test(p) || p.endsWith(".map"))).toEqual(
      [],
    );
  });

  it("publint and attw (ESM-only profile) report no problems", async () => {
    const publint = await run(bin("publint"), publintArgs(tarball), { cwd: project });
    expect(publint.code, publint.stdout + publint.stderr).toBe(0);
    expect(publint.stdout).toContain("All good!");
    const attw = await run(bin("attw"), attwArgs(tarball, "json"), { cwd: project });
    const report = JSON.parse(attw.stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems.filter((p) => !ignoredByProfile(p))).toEqual([]);
    expect(attw.code, attw.stderr).toBe(0);
  });
});

describe("the bundle of a consumer of the installed package", () => {
  it("createAdminCore plus one operation stays within 25 KB minified (npm run bench:bundle)", async () => {
    const entry = join(project, "bundle-core.ts");
    writeFileSync(
      entry,
      [
        'import { createAdminCore } from "appservices-admin";',
        'import { ListApplications } from "appservices-admin/operations/apps";',
        "const admin = createAdminCore({ credentials: { publicKey: 'k', privateKey: 's' } });",
        "console.log(await admin.call(ListApplications, { groupId: 'g' }));",
      ].join("\n"),
    );
    const { code } = await bundleConsumer(entry, project);
    const bytes = code.byteLength;
    console.log(`bundle: createAdminCore + one operation = ${bytes} bytes minified`);
    // The budget of DESIGN's consumer (a client and one call). Over it, find what grew with
    // `npm run bench:bundle` (largest inputs) rather than raising the number.
    expect(bytes).toBeLessThanOrEqual(25 * 1024);
  });
});

describe("a strict consumer of the installed package", () => {
  const cases = Object.keys(COMPILERS).flatMap((compiler) =>
    Object.keys(RESOLUTIONS).map((resolution) => ({ compiler, resolution })),
  );
  it.each(cases)(
    "type-checks with $compiler under moduleResolution $resolution",
    async ({ compiler, resolution }) => {
      const tsc = COMPILERS[compiler as keyof typeof COMPILERS];
      const result = await run(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], {
        cwd: project,
      });
      expect(result.stdout + result.stderr).toBe("");
      expect(result.code).toBe(0);
    },
  );

  it("runs with node against the emulator of the installed package", async () => {
    // Emit with the node16 settings, then run the JavaScript as a user's program would run.
    const emit = await run(
      process.execPath,
      [
        COMPILERS["TypeScript 7"],
        "-p",
        "tsconfig.node16.json",
        "--noEmit",
        "false",
        "--outDir",
        "out",
      ],
      { cwd: project },
    );
    expect(emit.stdout + emit.stderr).toBe("");
    const result = await run(process.execPath, ["out/consumer.js"], {
      cwd: project,
      env: { ...process.env, PINNED_SPEC: pinnedSpecPath },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const facts = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(facts).toEqual({
      same: [true, true, true, true, true],
      apps: 1,
      foundIsAppId: true,
      viaCall: 1,
      raw: 1,
      rawPath: "/groups/{groupId}/apps",
      logCount: 120,
      firstPage: 100,
      tailed: ["FUNCTION", "AUTH", "FUNCTION"],
      // MD5 of "User-agent: *\n".
      uploadHash: "6978a616c585d03cb5b542a891995efb",
      // The sync deletes what the two single uploads put there: the folder is the truth.
      synced: {
        uploaded: ["/css/site.css", "/index.html"],
        deleted: ["/copy.html", "/robots.txt"],
        failed: 0,
      },
      deployment: "successful",
      pulledRootConfig: true,
      configChanges: 0,
      diffPrinted: true,
      notFound: `404 /groups/{groupId}/apps/${"0".repeat(24)}`,
      authError: "401",
      drift: { breaking: 0, "potentially-breaking": 0, "non-breaking": 0 },
    });
  });
});

describe("the installed appservices-admin bin", () => {
  const bin = () => join(project, "node_modules", ".bin", "appservices-admin");
  const env = () => ({
    ...process.env,
    APPSERVICES_BASE_URL: emu.url,
    APPSERVICES_PUBLIC_KEY: emu.credentials.publicKey,
    APPSERVICES_PRIVATE_KEY: emu.credentials.privateKey,
    APPSERVICES_GROUP_ID: emu.groupId,
    APPSERVICES_APP_ID: emu.appId,
  });

  it("shows its help with every command and the exit codes", async () => {
    const result = await run(bin(), ["--help"], { cwd: project });
    expect(result.code).toBe(0);
    for (const command of ["logs", "hosting", "drift", "emulator"])
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(result.stdout).toContain("Exit codes:");
  });

  it("prints logs as JSON lines against the emulator", async () => {
    const result = await run(bin(), ["logs", "--json", "--limit", "5"], {
      cwd: project,
      env: env(),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { app_id: string });
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.app_id))).toEqual(new Set([emu.appId]));
  });

  it("reports bad credentials in one line, exit 4, without the key", async () => {
    const result = await run(bin(), ["logs"], {
      cwd: project,
      env: { ...env(), APPSERVICES_PRIVATE_KEY: "packed-bin-wrong-private-key" },
    });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^appservices-admin: POST \/auth\/providers\/mongodb-cloud\/login failed: 401/,
    );
    expect(result.stderr).not.toContain("packed-bin-wrong-private-key");
    expect(result.stderr).not.toContain(emu.credentials.publicKey);
  });
});

/** attw does not expand `./operations/*`: name each tag module as an entry point. */
/** Problems attw lists for resolutions the ESM-only profile ignores (CommonJS, node10). */
function ignoredByProfile(problem: unknown): boolean {
  const { resolutionKind } = problem as { resolutionKind?: string };
  return resolutionKind === "node10" || resolutionKind === "node16-cjs";
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directorySize(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
