import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { projectRoot } from "../../../spec/source.js";

/**
 * A fresh folder under .cache/ for the current test file, removed after it. Under the checkout
 * rather than the system temp folder so the generator's renames stay on one filesystem, as they
 * do for generated/. Returns a getter: the folder exists only once `beforeAll` has run.
 */
export function scratchFolder(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    mkdirSync(join(projectRoot, ".cache"), { recursive: true });
    dir = mkdtempSync(join(projectRoot, ".cache", `${prefix}-`));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error("scratchFolder: used before beforeAll ran");
    return dir;
  };
}

/** Every file under a folder, relative path -> bytes, in sorted order. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(path.slice(dir.length + 1), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/**
 * The relative paths whose bytes differ between two snapshots (added, removed or changed), sorted:
 * `expect(changedPaths(before, snapshot(dir))).toEqual([])` says a tree is unchanged and names
 * what changed. Deep equality of the snapshots themselves compares every byte through the matcher,
 * several CPU seconds for a tree the size of generated/.
 */
export function changedPaths(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((path) => {
      const [was, is] = [before.get(path), after.get(path)];
      return was === undefined || is === undefined || !was.equals(is);
    })
    .sort();
}

/** Every file under a folder as text: relative path -> UTF-8 content. */
export function texts(dir: string): Record<string, string> {
  return Object.fromEntries([...snapshot(dir)].map(([path, bytes]) => [path, bytes.toString()]));
}
