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

/** Every relative import of the .ts files under `dir`, as [file, imported path from the root]. */
function relativeImports(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "dist") walk(path);
      } else if (entry.name.endsWith(".ts")) {
        const text = readFileSync(path, "utf8");
        for (const match of text.matchAll(/(?:from |import\()"(\.{1,2}\/[^"]+)"/g)) {
          const target = relative(projectRoot, resolve(dirname(path), match[1]!));
          out.push([relative(projectRoot, path), target]);
        }
      }
    }
  };
  walk(join(projectRoot, dir));
  return out;
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
});
