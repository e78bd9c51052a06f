import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { AdminNamespaces } from "../../../generated/client.js";
import { sharedDir } from "../../../spec/history.js";

/**
 * One example of a seed (../shared/seeds/) written as an SDK call. Its key starts with the line of
 * the seed where the example is (a "Request samples" block, a request body, a `curl` command), so
 * the coverage check below can tell that none is missing.
 */
export type Example = (admin: AdminNamespaces) => Promise<unknown>;

/** The docs' placeholders for the IDs every path takes. */
export const app = { groupId: "<groupId>", appId: "<appId>" };

/** The line (1-based) of each example a seed file has, once per example on that line. */
export function exampleLines(seed: string, start: RegExp): number[] {
  const text = readFileSync(join(sharedDir(), "seeds", seed), "utf8");
  const global = new RegExp(start.source, `${start.flags.replace("g", "")}g`);
  return text.split("\n").flatMap((line, i) => [...line.matchAll(global)].map(() => i + 1));
}

/**
 * Checks that the examples, those that type-check and those the docs get wrong together, start at
 * exactly the seed's example lines: each example written once, none left out.
 */
export function coversSeed(
  seed: string,
  start: RegExp,
  ...groups: Record<string, unknown>[]
): void {
  it(`covers every example of ${seed} (${start})`, () => {
    const lines = groups
      .flatMap((g) => Object.keys(g))
      .map((key) => Number(/^(\d+) /.exec(key)?.[1]))
      .sort((a, b) => a - b);
    expect(lines).toEqual(exampleLines(seed, start));
  });
}
