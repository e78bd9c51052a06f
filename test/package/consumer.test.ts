/**
 * The packages as users get them: one `npm run pack` (it builds every package) and two installs
 * shared by every case. The full project installs all four tarballs with @types/node; its strict
 * consumer type-checks under `node16`, `nodenext` and `bundler` resolution with TypeScript 5.9 and
 * TypeScript 7, then runs with node against the emulator from the installed packages, and the
 * installed `appservices-admin` bin runs too. The SDK-only project installs the SDK alone, without
 * @types/node: its consumer type-checks with the DOM's types only and runs one call. publint and
 * attw (ESM-only profile) must find nothing in any tarball.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, Script } from "node:vm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { pinnedSpecPath, projectRoot } from "../../spec/source.js";
import {
  attwArgs,
  bin,
  bundleConsumer,
  directoryBytes,
  publintArgs,
} from "../../scripts/lib/package-checks.js";
import { BROWSER_SOURCE, CONSUMER_SOURCE, SDK_ONLY_SOURCE } from "./consumer-source.js";
import { contention, cpuBudget } from "../helpers/work-budget.js";
import { hoverDocs } from "./hover-docs.js";
import { COMMAND_CPU_SECONDS as CPU, installInto, packAll, run, tarballEntries } from "./pack.js";

const COMPILERS = {
  "TypeScript 5.9": join(projectRoot, "node_modules", "typescript", "bin", "tsc"),
  "TypeScript 7": join(projectRoot, "node_modules", "tsc7", "bin", "tsc"),
};
/** Each compiler's measured cost over a consumer project. */
const COMPILER_CPU = { "TypeScript 5.9": CPU.tsc5, "TypeScript 7": CPU.tsc7 };
// Budgets from the commands' measured CPU (`COMMAND_CPU_SECONDS`), growing with the load.
/** Packing, then installing into two projects. */
const SETUP_BUDGET = cpuBudget(CPU.pack + 2 * CPU.install);
/** A type check: the costlier compiler's, since `it.each` takes one timeout. */
const TYPE_CHECK_BUDGET = cpuBudget(CPU.tsc5 + 1);
/** publint and attw over one tarball. */
const LINT_BUDGET = cpuBudget(CPU.lint);
/** The first run under a runtime emits the consumer, and the first of bun and deno installs both. */
const RUNTIME_BUDGET = cpuBudget(CPU.install + CPU.tsc7 + 1);
/** Emitting the full consumer, then running it (measured: 3.1 CPU-s). */
const RUN_BUDGET = cpuBudget(CPU.tsc7 + 4);
const RESOLUTIONS = {
  node16: { module: "node16", moduleResolution: "node16" },
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
};
/** At most this many entries (subpaths and operation modules), each imported in its own process. */
const ENTRY_PROCESSES = 48;
/** The runtimes the SDK-only consumer also runs under, as npm installs them. */
const BUN_VERSION = "1.4.4";
const DENO_VERSION = "2.9.6";
const PACKAGES = [
  "appservices-admin",
  "appservices-admin-emulator",
  "appservices-admin-drift",
  "appservices-admin-cli",
];

let project: string;
let sdkOnly: string;
let tarballs: Map<string, string>;
let emu: RunningEmulator;

beforeAll(async () => {
  tarballs = await packAll();
  [project, sdkOnly] = await Promise.all([
    installInto([...tarballs.values()], { typesNode: true }),
    installInto([tarballs.get("appservices-admin")!], { typesNode: false }),
  ]);
  writeFileSync(join(project, "consumer.ts"), CONSUMER_SOURCE);
  writeFileSync(join(sdkOnly, "consumer.ts"), SDK_ONLY_SOURCE);
  for (const [name, resolution] of Object.entries(RESOLUTIONS)) {
    writeFileSync(
      join(project, `tsconfig.${name}.json`),
      JSON.stringify(strictConfig(resolution, { types: ["node"], lib: ["ES2023"] }), null, 2),
    );
    writeFileSync(
      join(sdkOnly, `tsconfig.${name}.json`),
      JSON.stringify(strictConfig(resolution, { types: [], lib: ["ES2023", "DOM"] }), null, 2),
    );
  }
  emu = await startEmulator({ logs: { count: 30 } });
}, SETUP_BUDGET);

afterAll(async () => {
  await emu?.stop();
});

/** A strict consumer's settings; libraries' declarations are checked too (no skipLibCheck). */
function strictConfig(
  resolution: { module: string; moduleResolution: string },
  environment: { types: string[]; lib: string[] },
) {
  return {
    compilerOptions: {
      ...resolution,
      ...environment,
      target: "ES2022",
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

/** What each tarball must hold besides package.json, README.md, LICENSE and CHANGELOG.md. */
const REQUIRED: Record<string, string[]> = {
  "appservices-admin": [
    "dist/packages/index.js",
    "dist/packages/index.d.ts",
    "dist/packages/runtime.js",
    "dist/generated/operation-schemas.json",
    "dist/generated/operations/apps.js",
  ],
  "appservices-admin-emulator": [
    "dist/packages/emulator/index.js",
    "dist/generated/operation-schemas.json",
  ],
  "appservices-admin-drift": [
    "dist/packages/drift/bin.js",
    "dist/spec/load.js",
    "dist/spec/naming.js",
  ],
  "appservices-admin-cli": ["dist/packages/cli/main.js"],
};

describe.each(PACKAGES)("the packed tarball of %s", (name) => {
  it("holds its built package only: JavaScript, declarations, JSON, the docs", async () => {
    const tarball = tarballs.get(name)!;
    const paths = await tarballEntries(tarball);
    console.log(`${name}: ${paths.length} files, ${kb(statSync(tarball).size)} packed`);
    for (const required of [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      ...REQUIRED[name]!,
    ]) {
      expect(paths, required).toContain(required);
    }
    const unexpected = paths.filter(
      (p) =>
        !["package.json", "README.md", "LICENSE", "CHANGELOG.md"].includes(p) &&
        !/^dist\/.+\.(js|d\.ts|json)$/.test(p),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => /^dist\/(scripts|test)\//.test(p) || p.endsWith(".map"))).toEqual(
      [],
    );
    // The tools import the SDK by name: no copy of it in theirs.
    if (name !== "appservices-admin") {
      expect(
        paths.filter((p) => /^dist\/packages\/(client|auth|logs|hosting|deploy|config)\//.test(p)),
      ).toEqual([]);
    }
  });

  it(
    "publint and attw (ESM-only profile) report no problems",
    async () => {
      const tarball = tarballs.get(name)!;
      const publint = await run(bin("publint"), publintArgs(tarball), { cwd: project });
      expect(publint.code, publint.stdout + publint.stderr).toBe(0);
      expect(publint.stdout).toContain("All good!");
      if (name === "appservices-admin-cli") return; // A bin only: attw checks entry points' types.
      const attw = await run(bin("attw"), attwArgs(tarball, "json"), { cwd: project });
      const report = JSON.parse(attw.stdout) as { analysis: { problems: unknown[] } };
      expect(report.analysis.problems.filter((p) => !ignoredByProfile(p))).toEqual([]);
      expect(attw.code, attw.stderr).toBe(0);
    },
    LINT_BUDGET,
  );
});

describe("the SDK installed alone", () => {
  it("adds openapi-fetch and its one dependency, nothing else", () => {
    const installed = readdirSync(join(sdkOnly, "node_modules")).filter((n) => !n.startsWith("."));
    console.log(
      `SDK install: ${installed.join(", ")}; ${kb(directoryBytes(join(sdkOnly, "node_modules")))}`,
    );
    expect(installed.sort()).toEqual([
      "appservices-admin",
      "openapi-fetch",
      "openapi-typescript-helpers",
    ]);
  });

  it("declares no Node types: no undici-types, no node: module, no Buffer or NodeJS namespace", () => {
    const offenders = installedSdkFiles(".d.ts")
      .filter(([, text]) =>
        /undici-types|from "node:|import\("node:|\bNodeJS\.|\bBuffer\b/.test(text),
      )
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it(
    "loads every entry imported first in a fresh process (no chunk reads another's binding too early)",
    async () => {
      // The runtime and the chunks that import from it form cycles; an entry that reaches them in
      // another order than the root does must still find each class defined before it is extended.
      const tags = readdirSync(
        join(sdkOnly, "node_modules", "appservices-admin", "dist", "generated", "operations"),
      )
        .filter((file) => file.endsWith(".js"))
        .map((file) => `/operations/${file.replace(/\.js$/, "")}`);
      const subpaths = ["", "/auth", "/logs", "/hosting", "/deploy", "/config", "/types", ...tags];
      expect(subpaths.length).toBeLessThanOrEqual(ENTRY_PROCESSES);
      const failed: string[] = [];
      for (const subpath of subpaths) {
        const result = await run(
          process.execPath,
          ["--input-type=module", "-e", `await import("appservices-admin${subpath}");`],
          { cwd: sdkOnly },
        );
        if (result.code !== 0) failed.push(`${subpath}: ${result.stderr.trim().split("\n")[0]}`);
      }
      expect(failed).toEqual([]);
    },
    // A node process that imports an entry: about 0.2 CPU seconds (bench:startup's whole process).
    ENTRY_PROCESSES * 0.2 * contention() * 1000,
  );

  it("importing the root and creating a client loads a handful of files: no operation module, helper, config or library", async () => {
    // What each file costs Node at import (about 1.5 ms of CPU) is what npm run bench:startup
    // measures; the layout that keeps it low is what this holds: the root's facade, the runtime
    // and the namespaces that import operations on demand (a chunk of its own for consumers'
    // bundlers). A module that runs code at load or imports a Node built-in would add one.
    const files = await loadedFiles(
      'const { createAdminClient } = await import("appservices-admin"); createAdminClient({ credentials: { publicKey: "p", privateKey: "k" } });',
    );
    expect(
      files.filter((f) =>
        /^generated\/|config|gitignore|helpers|chunks\/(hosting|deploy|logs)-/.test(f),
      ),
    ).toEqual([]);
    expect(files.slice(0, 2)).toEqual(["packages/index.js", "packages/runtime.js"]);
    expect(files.length).toBe(3);
  });

  it("a namespace binds on first read and loads its operation module on its first call, the same object after", async () => {
    const files = await loadedFiles(
      [
        'const { createAdminClient } = await import("appservices-admin");',
        'const admin = createAdminClient({ baseUrl: "http://127.0.0.1:9/api/admin/v3.0", credentials: { publicKey: "p", privateKey: "k" } });',
        "const apps = admin.apps;",
        'if (admin.apps !== apps || typeof apps.listApplications !== "function") throw new Error("namespace changed");',
        'process.stderr.write("--- read\\n");',
        // No server on port 9: the call fails, after its module has loaded.
        'await apps.listApplications({ groupId: "g" }, { retries: false }).catch(() => {});',
        'if (admin.apps !== apps) throw new Error("namespace changed");',
      ].join("\n"),
    );
    const read = files.indexOf("--- read");
    expect(files.slice(0, read).filter((f) => f.startsWith("generated/"))).toEqual([]);
    expect(files.slice(read + 1).filter((f) => f.startsWith("generated/"))).toEqual([
      "generated/operations/apps.js",
    ]);
  });

  it("the root's hosting, deploy and logs helpers load their code on first call and act as the real ones", async () => {
    // Each helper is a wrapper in runtime.js that imports its module's chunk; the subpaths export
    // the same functions, and the errors thrown are the root's classes.
    const files = await loadedFiles(
      [
        'const root = await import("appservices-admin");',
        'const deploy = await import("appservices-admin/deploy");',
        'const logs = await import("appservices-admin/logs");',
        'const hosting = await import("appservices-admin/hosting");',
        "const same = [root.findApp === deploy.findApp, root.iterateLogs === logs.iterateLogs, root.hashFile === hosting.hashFile];",
        'if (same.includes(false)) throw new Error("not the same helpers: " + same);',
        'process.stderr.write("--- imported\\n");',
        "const found = await root.findApp({}, {}).catch((e) => e);",
        "if (!(found instanceof TypeError) || !/exactly one of clientAppId and name/.test(found.message)) throw found;",
        'const logged = root.iterateLogs({}, { groupId: "g", appId: "a" }, { maxEntries: -1 });',
        "const failed = await logged.next().catch((e) => e);",
        "if (!(failed instanceof RangeError) || !/maxEntries/.test(failed.message)) throw failed;",
        'const digest = await root.hashFile(process.cwd() + "/node_modules/appservices-admin/package.json");',
        "if (!/^[0-9a-f]{32}$/.test(digest.hash) || !(digest.size > 0)) throw new Error(JSON.stringify(digest));",
        'const bad = await root.uploadAsset({}, { groupId: "g", appId: "a", path: "/a.txt", file: new Blob([]) }).catch((e) => e);',
        "if (!(bad instanceof root.AdminInvalidAppIdError)) throw bad;",
      ].join("\n"),
    );
    const imported = files.indexOf("--- imported");
    expect(imported).toBeGreaterThan(0);
    expect(
      files.slice(0, imported).filter((f) => /chunks\/(hosting|deploy|logs)-/.test(f)),
    ).toEqual([]);
    expect(files.slice(imported + 1)).toEqual(
      expect.arrayContaining([
        "packages/chunks/deploy-find-app.js",
        "packages/chunks/logs-iterate.js",
        "packages/chunks/hosting-file-read.js",
        "packages/chunks/hosting-upload-asset.js",
      ]),
    );
  });

  it("bundles its two libraries with their licences, once each (ignore, @cfworker/json-schema)", () => {
    const banners: string[] = [];
    for (const [, text] of installedSdkFiles(".js")) {
      for (const [, name, id, licence] of text.matchAll(
        /\/\*! Bundled: (\S+)@\S+ \(([^)]+)\)\n([^]*?)\*\//g,
      )) {
        banners.push(name!);
        // The licence's name, and its text or at least its copyright line, come with it.
        expect(id, name).toBe("MIT");
        expect(licence, name).toMatch(/copyright/i);
      }
    }
    expect(banners.sort()).toEqual(["@cfworker/json-schema", "ignore"]);
  });

  it("keeps every exported class's and function's name, whichever entry point exports it", async () => {
    // The bundler renames a module-level name that two bundled modules share; an error class
    // named `AdminApiError2` would show so in stacks and in `error.name`.
    const script = `
      const renamed = [];
      for (const entry of ["", "/auth", "/logs", "/hosting", "/deploy", "/config", "/operations/apps"]) {
        const module = await import("appservices-admin" + entry);
        for (const [name, value] of Object.entries(module)) {
          if (typeof value === "function" && value.name !== name) renamed.push(entry + ":" + name + "=" + value.name);
        }
      }
      const root = await import("appservices-admin");
      const auth = await import("appservices-admin/auth");
      console.log(JSON.stringify({ renamed, same: root.createSessionMiddleware === auth.createSessionMiddleware,
        name: new root.AdminNotFoundError({ status: 404, method: "GET", path: "/x" }).name }));
    `;
    const result = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: sdkOnly,
    });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      renamed: [],
      same: true,
      name: "AdminNotFoundError",
    });
  });

  it("shows hover docs on operations, their parameters and results' fields, and models' fields", () => {
    const source = [
      'import { createAdminClient, type AdminClient } from "appservices-admin";',
      'import { ListApplications, listApplications } from "appservices-admin/operations/apps";',
      'import type { AppInstance } from "appservices-admin/types";',
      "declare const admin: AdminClient;",
      "void createAdminClient;",
      'void admin.apps.listApplications({ groupId: "g", product: "standard" });',
      'void admin.call(ListApplications, { groupId: "g" });',
      "void listApplications;",
      "declare const app: AppInstance;",
      "void app.client_app_id;",
      'void admin.logs.getLogs({ groupId: "g", appId: "a" }).then((page) => page.logs);',
    ].join("\n");
    const shown = hoverDocs(sdkOnly, "hover.ts", source, [
      { what: "namespace method", marker: "listApplications({ groupId" },
      { what: "parameter", marker: 'groupId: "g", product' },
      { what: "query parameter", marker: 'product: "standard"' },
      { what: "descriptor", marker: "ListApplications, { groupId" },
      { what: "function", marker: "listApplications;" },
      { what: "model field", marker: "client_app_id;" },
      { what: "result field", marker: "logs);" },
    ]);
    expect(shown.get("namespace method")).toContain("List all App Services Apps in an Atlas");
    expect(shown.get("namespace method")).toContain("`GET /groups/{groupId}/apps`");
    // The description is said once, on the function the namespace method and descriptor link.
    expect(shown.get("function")).toContain(
      "List all App Services Apps within an Atlas\n[project/group]",
    );
    expect(shown.get("descriptor")).toContain("listApplications");
    expect(shown.get("parameter")).toContain("An Atlas [Project/Group");
    expect(shown.get("query parameter")).toContain(
      "One or more specific App Services product types",
    );
    expect(shown.get("model field")).toContain("The application's public App ID.");
    expect(shown.get("result field")).toContain("At most 100 results per request.");
  });

  it.each(
    Object.keys(COMPILERS).flatMap((compiler) =>
      Object.keys(RESOLUTIONS).map((resolution) => ({ compiler, resolution })),
    ),
  )(
    "type-checks without @types/node with $compiler under moduleResolution $resolution",
    async ({ compiler, resolution }) => {
      const tsc = COMPILERS[compiler as keyof typeof COMPILERS];
      const result = await run(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], {
        cwd: sdkOnly,
        cpuSeconds: COMPILER_CPU[compiler as keyof typeof COMPILERS],
      });
      expect(result.stdout + result.stderr).toBe("");
      expect(result.code).toBe(0);
    },
    TYPE_CHECK_BUDGET,
  );

  it.each(["node", "bun", "deno"] as const)(
    "runs one call against the emulator under %s",
    async (runtime) => {
      const [command, ...args] = await runtimeCommand(runtime);
      const result = await run(command!, [...args, "out/consumer.js"], {
        cwd: sdkOnly,
        env: { ...process.env, ...emulatorEnv(), NO_COLOR: "1" },
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout.trim())).toEqual({ apps: 1, logs: 5, missing: 404 });
    },
    RUNTIME_BUDGET,
  );

  it("bundled for browsers (esbuild --platform=browser), runs in a context with only web APIs", async () => {
    writeFileSync(join(sdkOnly, "browser.ts"), BROWSER_SOURCE);
    const result = await build({
      entryPoints: [join(sdkOnly, "browser.ts")],
      absWorkingDir: sdkOnly,
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "consumer",
      write: false,
      logLevel: "silent",
      // Node's built-ins stay outside, as browser bundlers leave them; nothing the call uses
      // may reach one (checked below), so none is left in the bundle.
      external: ["node:*"],
    });
    const code = result.outputFiles[0]!.text;
    expect(code.match(/["']node:[\w/]+["']/g) ?? []).toEqual([]);
    // What a browser page has, and nothing of Node's (no process, Buffer, require).
    const web = {
      fetch,
      Request,
      Response,
      Headers,
      URL,
      URLSearchParams,
      AbortController,
      AbortSignal,
      Blob,
      FormData,
      ReadableStream,
      TextEncoder,
      TextDecoder,
      DOMException,
      Event,
      EventTarget,
      atob,
      btoa,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      crypto: { getRandomValues: crypto.getRandomValues.bind(crypto), subtle: crypto.subtle },
    };
    const context = createContext({ ...web });
    new Script(code).runInContext(context);
    const { consumer } = context as { consumer: { main(env: object): Promise<unknown> } };
    expect(await consumer.main(emulatorEnv())).toEqual({ apps: 1, logs: 5, missing: 404 });
  });
});

/** The installed SDK's files (path under the project, text) whose names end with `suffix`. */
function installedSdkFiles(suffix: string): [string, string][] {
  const dist = join(sdkOnly, "node_modules", "appservices-admin", "dist");
  return readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(suffix))
    .map((path) => [
      join(dist, path).slice(sdkOnly.length),
      readFileSync(join(dist, path), "utf8"),
    ]);
}

/** The emulator's URL, keys and ids, as the SDK-only consumers read them. */
function emulatorEnv() {
  return {
    EMULATOR_URL: emu.url,
    PUBLIC_KEY: emu.credentials.publicKey,
    PRIVATE_KEY: emu.credentials.privateKey,
    GROUP_ID: emu.groupId,
    APP_ID: emu.appId,
  };
}

let emitted: Promise<void> | undefined;
/** The SDK-only consumer compiled once (TypeScript 7, nodenext) into out/consumer.js. */
function emitSdkOnly(): Promise<void> {
  emitted ??= run(
    process.execPath,
    [
      COMPILERS["TypeScript 7"],
      "-p",
      "tsconfig.nodenext.json",
      "--noEmit",
      "false",
      "--outDir",
      "out",
    ],
    { cwd: sdkOnly },
  ).then((emit) => {
    if (emit.code !== 0) throw new Error(`emit failed:\n${emit.stdout}${emit.stderr}`);
  });
  return emitted;
}

let runtimes: Promise<string> | undefined;
/**
 * The command that runs a script under each runtime. Bun and Deno install from npm, as users get
 * them (pinned here), into a folder of their own: their npm packages carry the binaries (Bun's in
 * the package, Deno's in a platform package); npm 11 runs no install scripts, so the binaries are
 * invoked directly.
 */
async function runtimeCommand(runtime: "node" | "bun" | "deno"): Promise<string[]> {
  await emitSdkOnly();
  if (runtime === "node") return [process.execPath];
  runtimes ??= installInto([`bun@${BUN_VERSION}`, `deno@${DENO_VERSION}`], { typesNode: false });
  const dir = join(await runtimes, "node_modules");
  if (runtime === "bun") {
    const candidates = [
      join(dir, "bun", "bin", "bun.exe"),
      join(dir, "@oven", `bun-${process.platform}-${process.arch}`, "bin", "bun"),
    ];
    return [executable(candidates)];
  }
  const platform = readdirSync(join(dir, "@deno")).map((name) => join(dir, "@deno", name, "deno"));
  // Deno reads the project's package.json and node_modules; it needs leave to use the network
  // and the environment.
  return [
    executable([join(dir, "deno", "deno"), ...platform]),
    "run",
    "--allow-net",
    "--allow-env",
  ];
}

/** The first of the paths that is an executable file. */
function executable(candidates: string[]): string {
  const found = candidates.find((path) => {
    try {
      return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`no runtime binary among ${candidates.join(", ")}`);
  return found;
}

describe("the bundle of a consumer of the installed package", () => {
  it("createAdminCore plus one operation bundles that one operation, no namespace, no other area's operations or libraries (size: npm run bench:bundle)", async () => {
    const entry = join(sdkOnly, "bundle-core.ts");
    writeFileSync(
      entry,
      [
        'import { createAdminCore } from "appservices-admin";',
        'import { ListApplications } from "appservices-admin/operations/apps";',
        "const admin = createAdminCore({ credentials: { publicKey: 'k', privateKey: 's' } });",
        "console.log(await admin.call(ListApplications, { groupId: 'g' }));",
      ].join("\n"),
    );
    const { code } = await bundleConsumer(entry, sdkOnly);
    console.log(`bundle: createAdminCore + one operation = ${code.byteLength} bytes minified`);
    // The size target (20 KB) is a benchmark's business (bench:bundle prints it and says OVER);
    // what a test can hold exactly is what gets in. The package's files are chunks now, so this
    // looks at the output: the strings that survive minification name every operation (its
    // operationId), the bound namespaces (their keys) and the bundled libraries (their
    // licences). The namespaced client, bundled the same way, shows them all (the control).
    const { code: namespaced } = await bundleConsumer(
      writeEntry("bundle-namespaced.ts", [
        'import { createAdminClient } from "appservices-admin";',
        "const admin = createAdminClient({ credentials: { publicKey: 'k', privateKey: 's' } });",
        "console.log(await admin.apps.listApplications({ groupId: 'g' }));",
      ]),
      sdkOnly,
    );
    const text = new TextDecoder().decode(code);
    const control = new TextDecoder().decode(namespaced);
    const operationIds = Object.keys(
      (
        JSON.parse(
          readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8"),
        ) as { operations: Record<string, unknown> }
      ).operations,
    );
    const named = (code: string) => operationIds.filter((id) => code.includes(JSON.stringify(id)));
    expect(named(text)).toEqual(["adminListApplications"]);
    expect(text).not.toMatch(/eventSubscriptions|logForwarders|\/\*! Bundled:/);
    expect(control).toMatch(/eventSubscriptions/);
    expect(named(control)).toContain("adminListApplications");
  });
});

/**
 * The SDK's files (under its dist/) that `body`, run as a module in the SDK-only project, loads, in
 * order, one per line of a Node loader hook; lines the body writes to stderr come in between.
 */
async function loadedFiles(body: string): Promise<string[]> {
  const hook = `export async function load(url, context, next) {
    if (url.includes("/appservices-admin/dist/")) process.stderr.write(url.split("/dist/")[1] + "\\n");
    return next(url, context);
  }`;
  const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const result = await run(
    process.execPath,
    [
      "--import",
      `data:text/javascript,${encodeURIComponent(register)}`,
      "--input-type=module",
      "-e",
      body,
    ],
    { cwd: sdkOnly },
  );
  expect(result.code, result.stderr).toBe(0);
  return result.stderr.trim().split("\n");
}

/** Writes a consumer module into the SDK-only project; its path. */
function writeEntry(name: string, lines: string[]): string {
  const entry = join(sdkOnly, name);
  writeFileSync(entry, lines.join("\n"));
  return entry;
}

describe("a helper with the small client, bundled", () => {
  it("createAdminCore plus iterateLogs adds the helper only, not the namespaces (npm run bench:bundle)", async () => {
    const bundle = async (name: string, lines: string[]) => {
      const entry = join(sdkOnly, `${name}.ts`);
      writeFileSync(entry, lines.join("\n"));
      return (await bundleConsumer(entry, sdkOnly)).code.byteLength;
    };
    const make =
      "const admin = createAdminCore({ credentials: { publicKey: 'k', privateKey: 's' } });";
    const core = await bundle("bundle-core-only", [
      'import { createAdminCore } from "appservices-admin";',
      make,
      "console.log(admin);",
    ]);
    const withLogs = await bundle("bundle-core-logs", [
      'import { createAdminCore, iterateLogs } from "appservices-admin";',
      make,
      "for await (const entry of iterateLogs(admin, { groupId: 'g', appId: 'a' })) console.log(entry);",
    ]);
    console.log(`bundle: createAdminCore = ${core} bytes, + iterateLogs = ${withLogs} bytes`);
    // iterateLogs, the logs pagination and one descriptor: a few KB. The namespaces it would bind
    // if it still called `client.logs.getLogs` are over 70 KB.
    expect(withLogs - core).toBeLessThanOrEqual(5 * 1024);
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
        cpuSeconds: COMPILER_CPU[compiler as keyof typeof COMPILERS],
      });
      expect(result.stdout + result.stderr).toBe("");
      expect(result.code).toBe(0);
    },
    TYPE_CHECK_BUDGET,
  );

  it(
    "runs with node against the emulator of the installed package",
    async () => {
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
    },
    RUN_BUDGET,
  );
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

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
