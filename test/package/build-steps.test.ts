/**
 * The build steps that shape the SDK's dist/ (scripts/build.ts), on small fixtures: which
 * entries esbuild gets, which doc comments go, which declarations stay, which schema keywords
 * the config copy keeps.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../spec/source.js";
import { build, type Metafile } from "esbuild";
import {
  checkEntryExports,
  checkRuntimeImports,
  linkPlaceholders,
} from "../../scripts/lib/bundle-output.js";
import {
  libraryWithoutComments,
  OPERATION_PLACEHOLDER,
  RUNTIME_PLACEHOLDER,
} from "../../scripts/lib/bundle-plugins.js";
import { runtimeModules } from "../../scripts/lib/bundle-runtime.js";
import {
  helperChunks,
  helperEntry,
  LAZY_HELPERS,
  lazyHelpers,
} from "../../scripts/lib/bundle-lazy-helpers.js";
import { entryModules } from "../../scripts/lib/bundle-sdk.js";
import { dedupeDeclarationDocs } from "../../scripts/lib/declaration-docs.js";
import { reindentDeclarations } from "../../scripts/lib/declaration-indent.js";
import { removeUnreachableDeclarations } from "../../scripts/lib/unreachable-declarations.js";
import { configSchemas, withoutAnnotations } from "../../scripts/lib/validation-schemas.js";
import { FILE_KINDS } from "../../packages/config/file-kinds.js";
import { reachable, validatorFor } from "../../packages/config/schema-validators.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding `files` (path -> text). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "appservices-admin-build-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("entryModules", () => {
  it("maps each JavaScript target of exports to its source, a pattern to every module", () => {
    const entries = entryModules({
      exports: {
        ".": { default: "./dist/packages/index.js" },
        "./operations/*": { default: "./dist/generated/operations/*.js" },
        "./package.json": "./package.json",
      },
    });
    expect(entries.get("packages/index")).toBe(join(projectRoot, "packages", "index.ts"));
    const tags = readdirSync(join(projectRoot, "generated", "operations")).length;
    expect([...entries.keys()].filter((k) => k.startsWith("generated/operations/"))).toHaveLength(
      tags,
    );
    expect(entries.get("generated/operations/apps")).toBe(
      join(projectRoot, "generated", "operations", "apps.ts"),
    );
  });

  it("refuses a target outside dist/", () => {
    expect(() => entryModules({ exports: { ".": { default: "./lib/index.js" } } })).toThrow(
      /exports\["\."\]: \.\/lib\/index\.js is not under dist\//,
    );
  });
});

/** A metafile whose inputs import each other as `edges` says (`!` marks a dynamic import). */
function graph(edges: Record<string, string[]>): Metafile {
  const inputs = Object.fromEntries(
    Object.entries(edges).map(([input, targets]) => [
      input,
      {
        bytes: 1,
        imports: targets.map((t) => ({
          path: t.replace(/^!/, ""),
          kind: t.startsWith("!") ? ("dynamic-import" as const) : ("import-statement" as const),
        })),
      },
    ]),
  );
  return { inputs, outputs: {} };
}

describe("runtimeModules", () => {
  const abs = (input: string) => join(projectRoot, input);
  const rel = (paths: Iterable<string>) => [...paths].map((p) => relative(projectRoot, p)).sort();
  const modules = graph({
    "packages/index.ts": [
      "packages/client/core.ts",
      "packages/client/create.ts",
      "packages/hosting/local-tree.ts",
    ],
    "packages/hosting/local-tree.ts": ["node:path", "packages/client/core.ts"],
    "packages/client/core.ts": ["packages/core/errors.ts", "generated/contract.ts"],
    "packages/client/create.ts": ["generated/client.ts"],
    "packages/core/errors.ts": ["packages/core/redact.ts"],
    "packages/core/redact.ts": [],
    "generated/contract.ts": [],
    "generated/client.ts": ["generated/contract.ts", "!generated/operations/users.ts"],
    "generated/operations/users.ts": ["generated/contract.ts"],
    "generated/operation-table.ts": ["generated/operations/users.ts", "generated/contract.ts"],
    "packages/config/index.ts": ["packages/client/core.ts", "packages/core/errors.ts"],
  });
  const result = runtimeModules(
    modules,
    [abs("packages/index.ts")],
    {
      effects: [abs("packages/core/errors.ts"), abs("generated/operation-table.ts")],
      lazy: [abs("generated/client.ts")],
      node: [abs("packages/hosting/local-tree.ts")],
    },
    ["packages/index.ts", "packages/config/index.ts", "generated/operations/users.ts"].map(abs),
  );

  it("holds what the root imports statically, isolated modules (with what only they import) and modules importing Node built-ins aside", () => {
    expect(rel(result.inside)).toEqual([
      "generated/contract.ts",
      "packages/client/core.ts",
      "packages/client/create.ts",
      "packages/index.ts",
    ]);
  });

  it("sends the imports of other entries, lazy modules and unused effects to the runtime", () => {
    // core/errors runs code at load and the runtime imports it: it and what it bundles
    // (redact) import nothing from the runtime, which could still be initialising.
    expect(rel(result.importers)).toEqual([
      "generated/client.ts",
      "generated/operation-table.ts",
      "generated/operations/users.ts",
      "packages/config/index.ts",
      "packages/hosting/local-tree.ts",
    ]);
    expect(rel(result.exposed)).toEqual(["generated/contract.ts", "packages/client/core.ts"]);
  });
});

describe("runtimeModules with helpers that load on first call", () => {
  const abs = (input: string) => join(projectRoot, input);
  const rel = (paths: Iterable<string>) => [...paths].map((p) => relative(projectRoot, p)).sort();
  const result = runtimeModules(
    graph({
      "packages/index.ts": ["packages/hosting/sync.ts", "packages/client/core.ts"],
      "packages/hosting/sync.ts": ["packages/hosting/plan.ts", "packages/client/core.ts"],
      "packages/hosting/plan.ts": ["generated/operations/hosting.ts"],
      "generated/operations/hosting.ts": ["packages/client/core.ts"],
      "packages/client/core.ts": [],
    }),
    [abs("packages/index.ts")],
    { effects: [], lazy: [], node: [] },
    ["packages/index.ts", "generated/operations/hosting.ts"].map(abs),
    [abs("packages/hosting/sync.ts")],
  );

  it("leaves the helper's module, and what only it imports, out of the runtime; they import from it", () => {
    expect(rel(result.inside)).toEqual(["packages/client/core.ts", "packages/index.ts"]);
    expect(rel(result.importers)).toEqual([
      "generated/operations/hosting.ts",
      "packages/hosting/plan.ts",
      "packages/hosting/sync.ts",
    ]);
    expect(rel(result.exposed)).toEqual(["packages/client/core.ts"]);
  });
});

describe("helperChunks and lazyHelpers", () => {
  it("give each helper module of the root a chunk of its own, knowing each helper's kind", () => {
    const chunks = helperChunks(LAZY_HELPERS, "packages/chunks");
    const byOut = Object.fromEntries(
      chunks.map((c) => [c.out, c.helpers.map((h) => `${h.name}: ${h.kind}`)]),
    );
    expect(byOut).toMatchObject({
      "packages/chunks/hosting-sync-hosting": ["syncHosting: async"],
      "packages/chunks/deploy-find-app": ["findApp: async"],
      "packages/chunks/logs-iterate": ["iterateLogs: iterator"],
      "packages/chunks/logs-pages": ["logPages: generator"],
      "packages/chunks/logs-tail": ["tailLogs: generator"],
    });
    expect(chunks).toHaveLength(Object.keys(LAZY_HELPERS).length);
  });

  it("refuse a helper that is not an exported async function, and a module with top-level state", () => {
    const dir = folder({
      "sync.ts": "export function work(): number {\n  return 1;\n}\n",
      "steps.ts": "export function* work(): Generator<number> {\n  yield 1;\n}\n",
      "state.ts": "let calls = 0;\nexport async function work() {\n  return ++calls;\n}\n",
    });
    const at = (file: string) => relative(projectRoot, join(dir, file));
    for (const file of ["sync.ts", "steps.ts"]) {
      expect(() => helperChunks({ [at(file)]: ["work"] }, "c")).toThrow(
        `${at(file)}: work is not an exported async (generator) function or a function returning an AsyncGenerator`,
      );
    }
    expect(() => helperChunks({ [at("state.ts")]: ["work"] }, "c")).toThrow(
      /state\.ts: keeps state in a top-level let/,
    );
  });

  it("bundle a wrapper and the module's constants into its importer, the helper's code into the chunk", async () => {
    const dir = folder({
      "index.ts": 'export { work, walk, list, LIMIT } from "./helper.js";\n',
      "helper.ts": [
        'import { shared } from "./shared.js";',
        "export const LIMIT = 8;",
        "export async function work(n: number) {",
        '  return shared(n) + "-worked";',
        "}",
        "export async function* walk() {",
        '  yield "walked";',
        "}",
        "export function list(): AsyncGenerator<string, void, undefined> {",
        '  return (async function* () { yield "listed"; })();',
        "}",
        "",
      ].join("\n"),
      "shared.ts": "export const shared = (n: number) => `shared:${n}`;\n",
    });
    const module = relative(projectRoot, join(dir, "helper.ts"));
    const chunks = helperChunks({ [module]: ["work", "walk", "list"] }, "chunks");
    const result = await build({
      entryPoints: [{ in: join(dir, "index.ts"), out: "index" }, ...chunks.map(helperEntry)],
      bundle: true,
      format: "esm",
      outdir: join(dir, "out"),
      splitting: true,
      write: false,
      absWorkingDir: projectRoot,
      logLevel: "silent",
      plugins: [lazyHelpers(chunks, new Set([join(dir, "index.ts")]))],
    });
    const text = (name: string) =>
      result.outputFiles.find((f) => f.path === join(dir, "out", name))!.text;
    const index = text("index.js");
    const chunk = text(`${chunks[0]!.out}.js`);
    expect(index).toContain(`import("${OPERATION_PLACEHOLDER}${chunks[0]!.out}")`);
    expect(index).toMatch(/async function\* walk\(/);
    expect(index).toMatch(/LIMIT = 8/);
    expect(index).toMatch(/function list\([^)]*\) \{\s*return lazyIterator\(/);
    expect(index).not.toMatch(/-worked|walked|listed|shared:/);
    expect(chunk).toMatch(/-worked/);
    expect(chunk).toMatch(/walked/);
    expect(chunk).toMatch(/listed/);
  });
});

describe("libraryWithoutComments", () => {
  it("bundles a library's code without its comments, its legal comment kept, our own code as it is", async () => {
    const dir = folder({
      "index.ts": [
        'import { twice } from "lib";',
        "export const four = [",
        "  // Our own note, kept.",
        "  twice(2),",
        "];",
        "",
      ].join("\n"),
      "node_modules/lib/package.json": '{ "name": "lib", "main": "index.js" }\n',
      "node_modules/lib/index.js": [
        "/*! lib (MIT) */",
        "exports.twice = (n) => [",
        "  // A long explanation nobody reads in the bundle (esbuild keeps such comments).",
        "  n * 2,",
        "][0];",
        "",
      ].join("\n"),
    });
    const result = await build({
      entryPoints: [join(dir, "index.ts")],
      bundle: true,
      format: "esm",
      write: false,
      outfile: join(dir, "out.js"),
      logLevel: "silent",
      plugins: [libraryWithoutComments()],
    });
    const text = result.outputFiles[0]!.text;
    expect(text).not.toMatch(/explanation/);
    expect(text).toContain("lib (MIT)");
    expect(text).toContain("// Our own note, kept.");
    const { four } = (await import(`data:text/javascript,${encodeURIComponent(text)}`)) as {
      four: number[];
    };
    expect(four).toEqual([4]);
  });
});

describe("linkPlaceholders and checkRuntimeImports", () => {
  it("links operation and runtime placeholders relative to each file", () => {
    const dir = folder({
      "generated/operations/users.js": `import { sendOperation } from "${RUNTIME_PLACEHOLDER}";\n`,
      "packages/chunks/ns.js": `const load = () => import("${OPERATION_PLACEHOLDER}generated/operations/users");\n`,
      "packages/runtime.js": "export function sendOperation() {}\n",
    });
    linkPlaceholders(dir, "packages/runtime.js");
    expect(readFileSync(join(dir, "generated/operations/users.js"), "utf8")).toBe(
      'import { sendOperation } from "../../packages/runtime.js";\n',
    );
    expect(readFileSync(join(dir, "packages/chunks/ns.js"), "utf8")).toBe(
      'const load = () => import("../../generated/operations/users.js");\n',
    );
    expect(() =>
      checkRuntimeImports(dir, "packages/runtime.js", new Set(["sendOperation"])),
    ).not.toThrow();
  });

  it("names the file and the name the runtime does not export", () => {
    const dir = folder({
      "packages/index.js": 'export { a, b as c } from "./runtime.js";\n',
      "packages/runtime.js": "export const a = 1;\n",
    });
    expect(() => checkRuntimeImports(dir, "packages/runtime.js", new Set(["a"]))).toThrow(
      "packages/index.js imports b, which packages/runtime.js does not export",
    );
  });
});

describe("checkEntryExports", () => {
  it("refuses an entry that exports more than its source", () => {
    const metafile: Metafile = {
      inputs: {},
      outputs: {
        "out/packages/config/index.js": {
          bytes: 1,
          inputs: {},
          imports: [],
          exports: ["pullApp", "sendOperation"],
        },
      },
    };
    expect(() =>
      checkEntryExports(metafile, "out", new Map([["packages/config/index", ["pullApp"]]])),
    ).toThrow("dist/packages/config/index.js exports pullApp, sendOperation, not pullApp");
    expect(() =>
      checkEntryExports(
        metafile,
        "out",
        new Map([["packages/config/index", ["pullApp", "sendOperation"]]]),
      ),
    ).not.toThrow();
  });
});

describe("dedupeDeclarationDocs", () => {
  const schema = [
    "export interface paths {",
    '    "/x": {',
    "        /**",
    "         * Get an x",
    "         * @description Reads the x,",
    "         *     all of it.",
    "         */",
    '        get: operations["getX"];',
    "    };",
    "}",
    "export interface components {",
    "    schemas: {",
    "        /** @description An x. */",
    "        X: {",
    "            /** @description The x's name. */",
    "            name?: string;",
    "            /** @constant */",
    '            kind?: "x";',
    "        };",
    "    };",
    "}",
    "export interface operations {",
    "    getX: {",
    "        parameters: {",
    "            query?: {",
    "                /** @description How many. */",
    "                limit?: number;",
    "                /**",
    "                 * @description Where from.",
    "                 * @example 10",
    "                 */",
    "                skip?: number;",
    "            };",
    "        };",
    "        responses: {",
    "            /** @description Found. */",
    '            200: { content: { "application/json": components["schemas"]["X"] } };',
    "        };",
    "    };",
    "}",
    "",
  ].join("\n");
  const operation = [
    "/**",
    " * Get an x",
    " *",
    " * Reads the x,",
    " * all of it.",
    " *",
    " * `GET /x` (operationId `getX`)",
    " */",
    "export declare function getX(): void;",
    "export type GetXParams = {",
    "    /**",
    "     * How many.",
    "     */",
    "    limit?: number;",
    "    /**",
    "     * Where from.",
    "     */",
    "    skip?: number;",
    "};",
    "",
  ].join("\n");
  const client = [
    "export interface AdminNamespaces {",
    "    x: {",
    "        /**",
    "         * Get an x",
    "         *",
    "         * Reads the x,",
    "         * all of it.",
    "         *",
    "         * `GET /x` (operationId `getX`); see {@link x.getX}.",
    "         */",
    "        getX(): void;",
    "    };",
    "}",
    "",
  ].join("\n");

  it("drops what other declarations say, keeps what only schema.d.ts says", () => {
    const dist = folder({
      "generated/schema.d.ts": schema,
      "generated/operations/x.d.ts": operation,
      "generated/models.d.ts": "/**\n * An x.\n */\nexport type X = {};\n",
      "generated/client.d.ts": client,
    });
    const result = dedupeDeclarationDocs(dist);
    const after = readFileSync(join(dist, "generated", "schema.d.ts"), "utf8");
    expect(after).not.toContain("Get an x"); // the function says it
    expect(after).not.toContain("How many."); // GetXParams says it
    expect(after).not.toContain("An x."); // models.d.ts says it
    expect(after).not.toContain("@constant"); // the literal type says it
    expect(after).toContain("Where from."); // its @example is said nowhere else
    expect(after).toContain("The x's name."); // a model field: only here
    expect(after).toContain("Found."); // a response: only here
    expect(result.removed).toBe(5);
    const namespace = readFileSync(join(dist, "generated", "client.d.ts"), "utf8");
    expect(namespace).toContain("Get an x");
    expect(namespace).toContain("see {@link x.getX}");
    expect(namespace).not.toContain("Reads the x");
  });

  it("keeps a namespace method's description that its function does not say", () => {
    const dist = folder({
      "generated/schema.d.ts": "",
      "generated/operations/x.d.ts": operation.replace("all of it.", "most of it."),
      "generated/models.d.ts": "",
      "generated/client.d.ts": client,
    });
    dedupeDeclarationDocs(dist);
    expect(readFileSync(join(dist, "generated", "client.d.ts"), "utf8")).toContain("Reads the x");
  });
});

describe("removeUnreachableDeclarations", () => {
  it("deletes the declarations no entry reaches and names a missing one", () => {
    const dist = folder({
      "packages/index.d.ts": 'export * from "./a/index.js";\n',
      "packages/a/index.d.ts": 'export type { B } from "./b.js";\n',
      "packages/a/b.d.ts": "export type B = string;\n",
      "packages/a/internal.d.ts": "export type I = number;\n",
      "generated/operations/x.d.ts": 'import type { B } from "../../packages/a/b.js";\n',
    });
    const removed = removeUnreachableDeclarations(dist, [
      "packages/index.d.ts",
      "generated/operations/*.d.ts",
    ]);
    expect(removed).toEqual([join("packages", "a", "internal.d.ts")]);
    writeFileSync(join(dist, "packages", "index.d.ts"), 'export * from "./gone.js";\n');
    expect(() => removeUnreachableDeclarations(dist, ["packages/index.d.ts"])).toThrow(
      /packages\/index\.d\.ts imports \.\/gone\.js, which has no declarations/,
    );
  });
});

describe("reindentDeclarations", () => {
  it("turns tsc's four spaces per level into two, comments included", () => {
    const dist = folder({
      "x.d.ts":
        "export interface X {\n    /**\n     * Doc.\n     */\n    a: {\n        b: 1;\n    };\n}\n",
    });
    reindentDeclarations(dist);
    expect(readFileSync(join(dist, "x.d.ts"), "utf8")).toBe(
      "export interface X {\n  /**\n   * Doc.\n   */\n  a: {\n    b: 1;\n  };\n}\n",
    );
  });
});

describe("withoutAnnotations", () => {
  it("drops annotation keywords in schema positions only", () => {
    const schemas = {
      Thing: {
        description: "A thing.",
        title: "Thing",
        type: "object",
        required: ["description"],
        properties: {
          description: { type: "string", description: "The thing's description.", example: "x" },
          kind: { enum: [{ description: "a value, not a keyword" }] },
          parts: { type: "array", items: { $comment: "c", type: "string" } },
        },
        allOf: [{ description: "branch", minProperties: 1 }],
        additionalProperties: { examples: [1], type: "number" },
      },
    };
    expect(withoutAnnotations(schemas)).toEqual({
      Thing: {
        type: "object",
        required: ["description"],
        properties: {
          description: { type: "string" },
          kind: { enum: [{ description: "a value, not a keyword" }] },
          parts: { type: "array", items: { type: "string" } },
        },
        allOf: [{ minProperties: 1 }],
        additionalProperties: { type: "number" },
      },
    });
  });
});

describe("configSchemas", () => {
  it("keeps every schema a config file kind reaches, and only those", () => {
    const all = (
      JSON.parse(
        readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8"),
      ) as {
        components: { schemas: Record<string, unknown> };
      }
    ).components.schemas;
    const kept = configSchemas(all);
    const doc = { components: { schemas: kept } };
    for (const kind of FILE_KINDS) {
      const root =
        typeof kind.schema === "string"
          ? { $ref: `#/components/schemas/${kind.schema}` }
          : kind.schema;
      // Each kind's closure is whole in the copy: nothing it refers to went missing.
      expect(Object.keys(reachable(root, kept)).sort(), kind.what).toEqual(
        Object.keys(reachable(root, all)).sort(),
      );
      expect(() => validatorFor(doc, kind), kind.what).not.toThrow();
    }
    // A body config never validates (an admin user's) is left out.
    expect(Object.keys(all)).toContain("AdminUser");
    expect(Object.keys(kept)).not.toContain("AdminUser");
  });
});
