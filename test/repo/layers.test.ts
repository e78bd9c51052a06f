/**
 * Which folder may import which (issue 16): the core (errors, redaction, clock, logger, user
 * agent, base URL) imports no other area; auth imports the core and never the client; the tools
 * (CLI, drift) reach the SDK by package name only, never by a relative path into its areas or
 * `generated/`, so their builds do not copy it; drift does not import the generator, and the
 * generator does not import scripts/. Each rule lists the offending imports, file by file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../spec/source.js";

/** The .ts files under `dir` (no node_modules or dist), as [path from the root, text]. */
function tsFiles(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "dist") walk(path);
      } else if (entry.name.endsWith(".ts")) {
        out.push([relative(projectRoot, path), readFileSync(path, "utf8")]);
      }
    }
  };
  walk(join(projectRoot, dir));
  return out;
}

/** Every relative import of the .ts files under `dir`, as [file, imported path from the root]. */
function relativeImports(dir: string): [string, string][] {
  return tsFiles(dir).flatMap(([file, text]) =>
    [...text.matchAll(/(?:from |import\()"(\.{1,2}\/[^"]+)"/g)].map((match): [string, string] => [
      file,
      relative(projectRoot, resolve(projectRoot, dirname(file), match[1]!)),
    ]),
  );
}

const offending = (dir: string, allowed: (target: string) => boolean) =>
  relativeImports(dir)
    .filter(([, target]) => !allowed(target))
    .map(([file, target]) => `${file} -> ${target}`);

const SDK_AREAS =
  /^(packages\/(client|auth|core|logs|hosting|deploy|config|vendor|index\.ts)|generated)\b/;

describe("layers", () => {
  it("the core imports only itself", () => {
    expect(offending("packages/core", (t) => t.startsWith("packages/core/"))).toEqual([]);
  });

  it("auth imports itself, the core and generated types, never the client", () => {
    expect(
      offending("packages/auth", (t) => /^(packages\/(auth|core)\/|generated\/)/.test(t)),
    ).toEqual([]);
  });

  it.each(["packages/cli", "packages/drift"])("%s reaches the SDK by package name only", (dir) => {
    expect(offending(dir, (t) => !SDK_AREAS.test(t))).toEqual([]);
  });

  it("drift does not import the generator; the generator does not import scripts/", () => {
    expect(offending("packages/drift", (t) => !t.startsWith("generator/"))).toEqual([]);
    expect(offending("generator", (t) => !t.startsWith("scripts/"))).toEqual([]);
  });

  // The package root re-exports these areas; a value import of a Node built-in there is paid at
  // every import of the SDK (bench:startup: node:crypto, node:fs and node:os cost ~11 ms; even
  // node:path, which Node has loaded anyway, puts a file of its own in the root's import) and
  // breaks a browser build, so hosting fetches them on first use through
  // packages/hosting/node-builtins.ts.
  it.each([
    "packages/client",
    "packages/auth",
    "packages/core",
    "packages/logs",
    "packages/hosting",
    "packages/deploy",
    "generated",
  ])("%s imports no Node built-in at load", (dir) => {
    expect(nodeValueImports(dir).map(([file, id]) => `${file} -> ${id}`)).toEqual([]);
  });
});

/** Every value (not type-only) import of a `node:` module in the .ts files under `dir`. */
function nodeValueImports(dir: string): [string, string][] {
  return tsFiles(dir).flatMap(([file, text]) =>
    [...text.matchAll(/^import (?!type )[^;]*?from "(node:[^"]+)"/gm)].map(
      (match): [string, string] => [file, match[1]!],
    ),
  );
}
