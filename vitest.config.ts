import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration suites start loopback servers and the history suites process 146 specs.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Both cores: the long suites (history, consumer install) run side by side.
    maxWorkers: 2,
  },
});
