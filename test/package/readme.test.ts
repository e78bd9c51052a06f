/**
 * Every ```ts block of README.md is a module that imports from the package: each is written to a
 * temporary project and type-checked under `strict` with TypeScript 5.9 and TypeScript 7, with
 * `appservices-admin` and its subpaths mapped to the sources their `exports` entries are built
 * from (so no build is needed, and an exports entry without a source fails here). The snippets'
 * shared names (`admin`, `groupId`, `appId`) are declared once as globals. A failing block fails
 * its own case, with README line numbers. Also: every npm script is documented.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../spec/source.js";
import { run } from "./pack.js";

const README = readFileSync(join(projectRoot, "README.md"), "utf8");
const PACKAGE = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string }>;
  scripts: Record<string, string>;
};

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

/** `paths` for the package name: each exports entry's declaration file, back to its source. */
function packagePaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(PACKAGE.exports)) {
    if (typeof target === "string") continue;
    const source = target.types.replace(/^\.\/dist\//, "").replace(/\.d\.ts$/, ".ts");
    paths[`appservices-admin${subpath.slice(1)}`] = [join(projectRoot, source)];
  }
  return paths;
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

const blocks = tsBlocks(README);
/** Diagnostics per block file and compiler, as README-located lines. */
const diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "readme-blocks-"));
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
        { cwd: dir },
      );
      let key = "other";
      for (const line of `${result.stdout}${result.stderr}`.split("\n").filter(Boolean)) {
        const match = /^(block-(\d+)\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
        // Indented lines continue the diagnostic above them.
        if (!match && /^\s/.test(line)) {
          diagnostics.get(key)!.push(`${name}:   ${line.trim()}`);
          continue;
        }
        key = match ? match[1]! : "other";
        const text = match
          ? `README.md:${Number(match[2]) + Number(match[3]) - 1}:${match[4]} ${match[5]}`
          : line;
        diagnostics.set(key, [...(diagnostics.get(key) ?? []), `${name}: ${text}`]);
      }
    }),
  );
}, 180_000);

describe("README.md", () => {
  it("has TypeScript blocks to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(blocks.map((b) => ({ line: b.line, file: b.file })))(
    "the ts block at line $line type-checks",
    ({ file }) => {
      expect(diagnostics.get(file) ?? []).toEqual([]);
    },
  );

  it("nothing else fails to compile (globals, the package mapping)", () => {
    expect(diagnostics.get("other") ?? []).toEqual([]);
  });

  it("documents every npm script", () => {
    const missing = Object.keys(PACKAGE.scripts).filter(
      (name) =>
        !(name === "test"
          ? README.includes("`npm test`")
          : README.includes(`npm run ${name}`) ||
            (name === "prepack" && README.includes("`prepack`"))),
    );
    expect(missing).toEqual([]);
  });

  it("keeps the two set-up commands", () => {
    expect(README).toContain("npm ci && npm run demo");
    expect(README).toMatch(/^npm test\b/m);
  });
});
