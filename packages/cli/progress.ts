import type { SyncProgress } from "appservices-admin";
import type { CliIo } from "./io.js";

/** Receives a sync's progress and is closed once the sync has settled. */
export interface ProgressView {
  update(progress: SyncProgress): void;
  /**
   * `completed`: the sync resolved, so the last counts are the final ones (its last files may
   * have needed no request, leaving the last event unsure of its totals).
   */
  close(completed?: boolean): void;
}

/**
 * A sync's progress on stderr (stdout carries the result), nothing with `quiet`. Files are
 * hashed while requests are sent, so each phase has its own count. On a terminal: two bars
 * (cli-progress, loaded only then), files hashed and requests answered, whose total grows while
 * files are still being compared (shown as `12/40+`). Elsewhere: one line per phase as it ends,
 * which reads well in CI logs however many files there are.
 */
export async function progressView(
  io: CliIo,
  options: { quiet?: boolean } = {},
): Promise<ProgressView> {
  if (options.quiet) return { update: () => undefined, close: () => undefined };
  if (!io.errIsTTY) return phaseLines(io);
  const { default: cliProgress } = await import("cli-progress");
  const bars = new cliProgress.MultiBar(
    {
      stream: io.errStream,
      format: "{phase} [{bar}] {value}/{total}{more} {unit} | {bytes} | {path}",
      hideCursor: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const shown: Partial<Record<SyncProgress["phase"], ReturnType<typeof bars.create>>> = {};
  let lastSync: SyncProgress | undefined;
  const payload = (p: SyncProgress) => ({
    phase: p.phase === "hash" ? "hashing" : "syncing",
    more: p.totalsFinal ? "" : "+",
    unit: p.phase === "hash" ? "files" : "requests",
    bytes: bytesText(p, " / "),
    path: p.path.length > 40 ? `…${p.path.slice(-39)}` : p.path,
  });
  return {
    update: (p) => {
      if (p.phase === "sync") lastSync = p;
      const bar = shown[p.phase];
      if (bar === undefined) {
        shown[p.phase] = bars.create(p.filesTotal, p.filesDone, payload(p));
        return;
      }
      if (bar.getTotal() !== p.filesTotal) bar.setTotal(p.filesTotal);
      bar.update(p.filesDone, payload(p));
    },
    close: (completed) => {
      if (completed && lastSync) shown.sync?.update(payload({ ...lastSync, totalsFinal: true }));
      bars.stop();
    },
  };
}

/**
 * One line per phase, written when the phase has reached its final total, or at close (a sync
 * whose last files needed no request, or one that stopped short: a failure, an interruption):
 * `hashed 120/120 files (3.1 MB)`, `synced 12/12 (1.2 MB/1.2 MB)`; a total that could still
 * have grown ends in `+`.
 */
function phaseLines(io: CliIo): ProgressView {
  const last: Partial<Record<SyncProgress["phase"], SyncProgress>> = {};
  const written = new Set<SyncProgress["phase"]>();
  const write = (p: SyncProgress) => {
    const what = p.phase === "hash" ? "hashed" : "synced";
    const files = p.phase === "hash" ? " files" : "";
    const more = p.totalsFinal ? "" : "+";
    io.err(`${what} ${p.filesDone}/${p.filesTotal}${more}${files} (${bytesText(p, "/")})\n`);
    written.add(p.phase);
  };
  return {
    update: (p) => {
      last[p.phase] = p;
      if (p.totalsFinal && p.filesDone === p.filesTotal && !written.has(p.phase)) write(p);
    },
    close: (completed) => {
      for (const p of [last.hash, last.sync]) {
        if (p && !written.has(p.phase)) write(completed ? { ...p, totalsFinal: true } : p);
      }
    },
  };
}

/** Bytes done, and of how many when known (`+` while that can still grow). */
function bytesText(p: SyncProgress, separator: string): string {
  if (p.bytesTotal === undefined) return bytes(p.bytesDone);
  return `${bytes(p.bytesDone)}${separator}${bytes(p.bytesTotal)}${p.totalsFinal ? "" : "+"}`;
}

/** Bytes in B, KB, MB or GB (powers of 1024, one decimal). */
export function bytes(n: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}
