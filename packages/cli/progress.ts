import type { SyncProgress } from "appservices-admin";
import type { CliIo } from "./io.js";

/** Receives a sync's progress and is closed once the sync has settled. */
export interface ProgressView {
  update(progress: SyncProgress): void;
  close(): void;
}

/**
 * A progress bar of files and bytes on a terminal (cli-progress, loaded only then); elsewhere one
 * line per phase as it ends (hashing, then syncing), which reads well in CI logs however many
 * files there are; nothing with `quiet`. All on stderr: stdout carries the result.
 */
export async function progressView(
  io: CliIo,
  options: { quiet?: boolean } = {},
): Promise<ProgressView> {
  if (options.quiet) return { update: () => undefined, close: () => undefined };
  if (!io.errIsTTY) return phaseLines(io);
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      stream: io.errStream,
      format: "{phase} [{bar}] {value}/{total} files | {bytes} | {path}",
      hideCursor: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: SyncProgress["phase"] | undefined;
  return {
    update: (p) => {
      const payload = {
        phase: p.phase === "hash" ? "hashing" : "syncing",
        bytes: `${bytes(p.bytesDone)}${p.bytesTotal === undefined ? "" : ` / ${bytes(p.bytesTotal)}`}`,
        path: p.path.length > 40 ? `…${p.path.slice(-39)}` : p.path,
      };
      if (phase !== p.phase) {
        if (phase !== undefined) bar.stop();
        phase = p.phase;
        bar.start(p.filesTotal, p.filesDone, payload);
      } else {
        bar.update(p.filesDone, payload);
      }
    },
    close: () => {
      if (phase !== undefined) bar.stop();
    },
  };
}

/**
 * One line per phase, written when the phase reaches its total, or at close when it stopped
 * short (a failure, an interruption): `hashed 120/120 files (3.1 MB)`, `synced 12/12 (1.2 MB/1.2 MB)`.
 */
function phaseLines(io: CliIo): ProgressView {
  let last: SyncProgress | undefined;
  let written = true;
  const write = (p: SyncProgress) => {
    const total = p.bytesTotal === undefined ? "" : `/${bytes(p.bytesTotal)}`;
    const what = p.phase === "hash" ? "hashed" : "synced";
    const files = p.phase === "hash" ? " files" : "";
    io.err(`${what} ${p.filesDone}/${p.filesTotal}${files} (${bytes(p.bytesDone)}${total})\n`);
    written = true;
  };
  return {
    update: (p) => {
      if (last && last.phase !== p.phase && !written) write(last);
      last = p;
      written = false;
      if (p.filesDone === p.filesTotal) write(p);
    },
    close: () => {
      if (last && !written) write(last);
    },
  };
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
