/**
 * `hosting sync` progress off a terminal: one line per phase (not one per file) as it reaches its
 * final total, however hashing and syncing interleave; a phase that stops short still reported
 * when the view closes; nothing with `quiet`.
 */
import { Readable, Writable } from "node:stream";
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
  totalsFinal = true,
): SyncProgress => ({
  phase,
  path: `/f${filesDone}`,
  filesDone,
  filesTotal,
  bytesDone,
  bytesTotal,
  totalsFinal,
});

describe("progressView off a terminal", () => {
  it("writes one line as each phase reaches its final total, however the phases interleave", async () => {
    const io = captured();
    const view = await progressView(io);
    // Requests start while files are still being hashed; their total grows until it is final.
    for (let i = 1; i <= 500; i++) {
      view.update(step("hash", i, 500, i * 2048));
      if (i % 100 === 0) view.update(step("sync", i / 100, i / 100, i * 10, i * 10, false));
    }
    view.update(step("sync", 6, 6, 3072, 3072));
    view.update(step("sync", 7, 7, 3072, 3072));
    view.close();
    expect(io.lines).toEqual([
      "hashed 500/500 files (1000.0 KB)\n",
      "synced 6/6 (3.0 KB/3.0 KB)\n",
    ]);
  });

  it("reports at close a phase that stopped short, with a + where its total could still grow", async () => {
    const io = captured();
    const view = await progressView(io);
    view.update(step("hash", 1, 3, 10));
    view.update(step("sync", 1, 4, 5, 50, false));
    view.update(step("hash", 2, 3, 20));
    view.close();
    expect(io.lines).toEqual(["hashed 2/3 files (20 B)\n", "synced 1/4+ (5 B/50 B+)\n"]);
  });

  it("reports at close, as final, the last count of a completed sync whose last files needed no request", async () => {
    const io = captured();
    const view = await progressView(io);
    view.update(step("sync", 1, 1, 5, 5, false));
    view.update(step("hash", 2, 2, 20));
    view.close(true);
    expect(io.lines).toEqual(["hashed 2/2 files (20 B)\n", "synced 1/1 (5 B/5 B)\n"]);
  });

  it("is silent with quiet", async () => {
    const io = captured();
    const view = await progressView(io, { quiet: true });
    view.update(step("hash", 1, 1, 10));
    view.close();
    expect(io.lines).toEqual([]);
  });
});

describe("progressView on a terminal", () => {
  /** A terminal-like stream that keeps what is drawn, escape sequences removed. */
  function terminal(): CliIo & { drawn: () => string } {
    let text = "";
    const stream = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          text += chunk.toString();
          done();
        },
      }),
      { isTTY: true, columns: 200 },
    );
    const drawn = () => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
    return { ...captured(), errIsTTY: true, errStream: stream, drawn };
  }

  it("draws a bar per phase; the requests' total grows, marked + until final", async () => {
    const io = terminal();
    const view = await progressView(io);
    view.update(step("hash", 1, 3, 10));
    view.update(step("sync", 1, 1, 10, 10, false));
    view.update(step("hash", 3, 3, 30));
    view.update(step("sync", 2, 3, 20, 30, false));
    view.close();
    const lines = io
      .drawn()
      .split(/[\r\n]+/)
      .filter(Boolean);
    expect(lines.at(-2)).toMatch(/^hashing \[.*\] 3\/3 files \| 30 B \| \/f3/);
    expect(lines.at(-1)).toMatch(/^syncing \[.*\] 2\/3\+ requests \| 20 B \/ 30 B\+ \| \/f2/);
  });

  it("a completed sync's last counts are drawn as final", async () => {
    const io = terminal();
    const view = await progressView(io);
    view.update(step("sync", 2, 2, 20, 20, false));
    view.close(true);
    const lines = io
      .drawn()
      .split(/[\r\n]+/)
      .filter(Boolean);
    expect(lines.at(-1)).toMatch(/^syncing \[.*\] 2\/2 requests \| 20 B \/ 20 B \| \/f2/);
  });
});
