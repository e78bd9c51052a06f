/**
 * `hosting sync` progress off a terminal: one line per phase (not one per file), a phase that
 * stops short still reported when the next starts or the view closes; nothing with `quiet`.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Redactor } from "../../packages/core/redact.js";
import type { CliIo } from "../../packages/cli/io.js";
import { progressView } from "../../packages/cli/progress.js";
import type { SyncProgress } from "../../packages/hosting/index.js";

function captured(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: async () => undefined,
    err: (text) => void lines.push(text),
    stdin: Readable.from([]),
    errIsTTY: false,
    errStream: process.stderr,
    redactor: new Redactor(),
  };
}

const step = (
  phase: SyncProgress["phase"],
  filesDone: number,
  filesTotal: number,
  bytesDone: number,
  bytesTotal?: number,
): SyncProgress => ({
  phase,
  path: `/f${filesDone}`,
  filesDone,
  filesTotal,
  bytesDone,
  bytesTotal,
});

describe("progressView off a terminal", () => {
  it("writes one line as each phase completes", async () => {
    const io = captured();
    const view = await progressView(io);
    for (let i = 1; i <= 500; i++) view.update(step("hash", i, 500, i * 2048));
    view.update(step("sync", 1, 2, 1024, 3072));
    view.update(step("sync", 2, 2, 3072, 3072));
    view.close();
    expect(io.lines).toEqual([
      "hashed 500/500 files (1000.0 KB)\n",
      "synced 2/2 (3.0 KB/3.0 KB)\n",
    ]);
  });

  it("reports a phase that stopped short when the next begins, or at close", async () => {
    const io = captured();
    const view = await progressView(io);
    view.update(step("hash", 1, 3, 10));
    view.update(step("hash", 2, 3, 20));
    view.update(step("sync", 1, 4, 5, 50));
    view.close();
    expect(io.lines).toEqual(["hashed 2/3 files (20 B)\n", "synced 1/4 (5 B/50 B)\n"]);
  });

  it("is silent with quiet", async () => {
    const io = captured();
    const view = await progressView(io, { quiet: true });
    view.update(step("hash", 1, 1, 10));
    view.close();
    expect(io.lines).toEqual([]);
  });
});
