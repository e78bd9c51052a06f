/**
 * Every ```ts block of the READMEs (the repository's and each package's) is a module that imports
 * from the packages: each is written to a temporary project and type-checked under `strict` with
 * TypeScript 5.9 and TypeScript 7, with the package names mapped to their sources as tsconfig.json
 * maps them (so no build is needed; every `exports` entry of the packages must have a mapping).
 * The snippets' shared names (`admin`, `groupId`, `appId`) are declared once as globals. A failing
 * block fails its own case, with README line numbers. Also: CONTRIBUTING.md documents every npm
 * script, each package's README starts with its install command, and links only to files in its
 * tarball or to absolute URLs.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../spec/source.js";
import { cpuBudget } from "../helpers/work-budget.js";
import { scratchDir } from "../setup/scratch.js";
import { run } from "./pack.js";

const read = (path: string) => readFileSync(join(projectRoot, path), "utf8");
const ROOT = JSON.parse(read("package.json")) as {
  scripts: Record<string, string>;
  workspaces: string[];
};
const CONTRIBUTING = read("CONTRIBUTING.md");
const { paths } = (
  JSON.parse(read("tsconfig.json")) as { compilerOptions: { paths: Record<string, string[]> } }
).compilerOptions;
/** The documents whose blocks are checked: the repository's README and each package's. */
const DOCS = ["README.md", ...ROOT.workspaces.map((dir) => `${dir}/README.md`)];

interface Block {
  /** README line of the block's first code line. */
  line: number;
  code: string;
  file: string;
}

/** The ```ts blocks, with the line each starts on. */
function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "```ts") continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== "```") end++;
    blocks.push({
      line: start + 1,
      code: lines.slice(start, end).join("\n"),
      file: `block-${start + 1}.ts`,
    });
    i = end;
  }
  return blocks;
}

/** tsconfig.json's `paths`, absolute (the blocks compile in a temporary folder). */
function packagePaths(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(paths).map(([name, targets]) => [
      name,
      targets.map((target) => join(projectRoot, target)),
    ]),
  );
}

const GLOBALS = `import type { AdminClient } from "appservices-admin";
declare global {
  /** A client made by createAdminClient. */
  const admin: AdminClient;
  /** An Atlas project id. */
  const groupId: string;
  /** An app's _id (ObjectId). */
  const appId: string;
}
export {};
`;

const COMPILERS = {
  "TypeScript 5.9": join(projectRoot, "node_modules", "typescript", "bin", "tsc"),
  "TypeScript 7": join(projectRoot, "node_modules", "tsc7", "bin", "tsc"),
};

const blocks = DOCS.flatMap((doc, i) =>
  tsBlocks(read(doc)).map((block) => ({ ...block, doc, file: `doc${i}-${block.file}` })),
);
/** Diagnostics per block file and compiler, as README-located lines. */
const diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  // Removed when this file ends, passed or failed.
  const dir = scratchDir("readme-blocks-");
  // Each block is a module of its own (top-level await, no shared declarations).
  for (const block of blocks) writeFileSync(join(dir, block.file), `${block.code}\nexport {};\n`);
  writeFileSync(join(dir, "globals.d.ts"), GLOBALS);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023"],
        module: "nodenext",
        moduleResolution: "nodenext",
        types: ["node"],
        typeRoots: [join(projectRoot, "node_modules", "@types")],
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        paths: packagePaths(),
      },
      files: ["globals.d.ts", ...blocks.map((b) => b.file)],
    }),
  );
  // openapi-fetch and the other dependencies resolve from the repository.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  await run("ln", ["-s", join(projectRoot, "node_modules"), join(dir, "node_modules")], {
    cwd: dir,
  });
  await Promise.all(
    Object.entries(COMPILERS).map(async ([name, tsc]) => {
      const result = await run(
        process.execPath,
        [tsc, "-p", "tsconfig.json", "--pretty", "false"],
        { cwd: dir, cpuSeconds: 25 },
      );
      let key = "other";
      for (const line of `${result.stdout}${result.stderr}`.split("\n").filter(Boolean)) {
        const match = /^(doc(\d+)-block-(\d+)\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
        // Indented lines continue the diagnostic above them.
        if (!match && /^\s/.test(line)) {
          diagnostics.get(key)!.push(`${name}:   ${line.trim()}`);
          continue;
        }
        key = match ? match[1]! : "other";
        const text = match
          ? `${DOCS[Number(match[2])]}:${Number(match[3]) + Number(match[4]) - 1}:${match[5]} ${match[6]}`
          : line;
        diagnostics.set(key, [...(diagnostics.get(key) ?? []), `${name}: ${text}`]);
      }
    }),
  );
}, cpuBudget(25)); // measured with /usr/bin/time: the whole file 20.8 CPU-s, both compilers

describe("the READMEs", () => {
  it("have TypeScript blocks to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
  });

  it.each(blocks.map((b) => ({ doc: b.doc, line: b.line, file: b.file })))(
    "$doc: the ts block at line $line type-checks",
    ({ file }) => {
      expect(diagnostics.get(file) ?? []).toEqual([]);
    },
  );

  it("nothing else fails to compile (globals, the package mapping)", () => {
    expect(diagnostics.get("other") ?? []).toEqual([]);
  });

  it("the repository README keeps the two set-up commands", () => {
    const readme = read("README.md");
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toMatch(/^npm test\b/m);
  });
});

describe.each(ROOT.workspaces)("the package in %s", (dir) => {
  const manifest = JSON.parse(read(`${dir}/package.json`)) as {
    name: string;
    exports?: Record<string, string | { types: string }>;
    files: string[];
    repository: { url: string; directory: string };
    homepage: string;
    bugs: { url: string };
  };
  const readme = read(`${dir}/README.md`);

  it("says where it comes from: repository (with its folder), homepage, bugs", () => {
    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(manifest.repository.directory).toBe(dir);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs.url).toMatch(/^https:\/\/.+\/issues$/);
  });

  it("maps every exports entry to a source in tsconfig.json (dev and docs resolve it)", () => {
    const missing = Object.keys(manifest.exports ?? {})
      .filter((subpath) => subpath !== "./package.json")
      .map((subpath) => `${manifest.name}${subpath.slice(1)}`)
      .filter((name) => !(name in paths));
    expect(missing).toEqual([]);
  });

  it("starts with its install command (the first code block names the package)", () => {
    const first = /```(?:sh|ts)\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(first).toMatch(new RegExp(`(npm install( -[gD])?|npx( -p)?) ${manifest.name}\\b`));
  });

  it("links only to absolute URLs or anchors (the tarball holds no other file to link to)", () => {
    const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^(https?:|#)/.test(target));
    expect(relative).toEqual([]);
    // Nor names a repository file by a relative path in its text (`../../shared/DESIGN.md`).
    expect(readme.match(/\.\.\/[^\s`)]*/g) ?? []).toEqual([]);
  });

  it("links into the repository only to paths that exist there", () => {
    const web = manifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    const escaped = web.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const link = new RegExp(`\\]\\(${escaped}/(?:tree|blob)/main/([^)#]+)`, "g");
    const missing = [...readme.matchAll(link)]
      .map((m) => m[1]!)
      .filter((path) => !existsSync(join(projectRoot, path)));
    expect(missing).toEqual([]);
  });
});

describe("CONTRIBUTING.md", () => {
  it("documents every npm script", () => {
    const missing = Object.keys(ROOT.scripts).filter((name) =>
      name === "test"
        ? !CONTRIBUTING.includes("`npm test`")
        : !CONTRIBUTING.includes(`npm run ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
