import { readFileSync } from "node:fs";
import { configDefaults, defineConfig } from "vitest/config";
import { WholeProjectFirst } from "./test/setup/sequencer.js";

/**
 * The corpus suites: every version of the spec history (147 files) through load, repair, lint,
 * generation, type check and drift. They need the corpus (`npm run corpus:fetch`, or the shared
 * folder) and set their own hook budgets from the work they do; `npm run test:corpus` runs them.
 */
const corpus = ["test/**/history*.test.ts"];

/**
 * The package tier: the packed tarballs installed into fresh projects, type-checked and run under
 * Node, Bun and Deno (both installed from the npm registry). It needs the registry, so it is not
 * part of the fast tier, which needs only the pinned spec and then works offline;
 * `npm run test:package` runs it.
 */
const packaging = ["test/package/consumer.test.ts"];

/**
 * The workspace packages by name (`appservices-admin`, its subpaths, the tools), resolved to their
 * sources as tsc and tsx resolve them: from tsconfig.json's `paths`, the one place they are listed.
 * A `*` pattern becomes a RegExp whose capture fills the target's `*`.
 */
const { paths } = (
  JSON.parse(readFileSync(new URL("./tsconfig.json", import.meta.url), "utf8")) as {
    compilerOptions: { paths: Record<string, [string]> };
  }
).compilerOptions;
const alias = Object.entries(paths).map(([name, [target]]) => ({
  find: new RegExp(`^${name.replace("*", "(.+)")}$`),
  replacement: new URL(target.replace("*", "$1"), import.meta.url).pathname,
}));

export default defineConfig({
  resolve: { alias },
  test: {
    // Every run: a temporary folder of its own (TMPDIR), failing the run if anything is left in it.
    globalSetup: ["test/setup/temp-dir.ts"],
    // Every suite: a temporary folder per test file, removed when the file ends, failing the file
    // if anything is left in it; an unhandled rejection or uncaught exception fails the test it
    // happened in.
    setupFiles: ["test/setup/temp-per-file.ts", "test/setup/fail-on-unhandled.ts"],
    // Integration suites start loopback servers and child processes.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Both cores: long suites (consumer install, corpus shards) run side by side.
    maxWorkers: 2,
    // The whole-project checks first: on a fresh clone vitest would start them last.
    sequence: { sequencer: WholeProjectFirst },
    projects: [
      {
        extends: true,
        // `npm test`: needs only the pinned spec.
        test: {
          name: "fast",
          include: ["test/**/*.test.ts"],
          // Each worker loads a module once, not once per test file: re-importing the SDK, the
          // emulator and the generator for each of 200 files was a third of the tier's CPU time.
          // Setup files still run per file. What a file changes in the process (environment
          // variables, listeners, a CLI config folder) it puts back or keys by file
          // (test/cli/helpers.ts); vitest resets mocks and its config between files.
          isolate: false,
          // The CLI compiled once, for the CLI cases that need a process of their own.
          globalSetup: ["test/setup/cli-bin.ts"],
          exclude: [...configDefaults.exclude, ...corpus, ...packaging],
        },
      },
      { extends: true, test: { name: "corpus", include: corpus } },
      { extends: true, test: { name: "package", include: packaging } },
    ],
  },
});
