import type { SyncProgress } from "../hosting/sync-hosting.js";
import type { CliIo } from "./io.js";

/** Receives a sync's progress and is closed once the sync has settled. */
export interface ProgressView {
  update(progress: SyncProgress): void;
  close(): void;
}

/**
 * A progress bar of files and bytes on a terminal (cli-progress, loaded only then), else one
 * plain line per finished path, which reads well in CI logs. Both on stderr: stdout carries the
 * result.
 */
export async function progressView(io: CliIo): Promise<ProgressView> {
  if (!io.errIsTTY) {
    return {
      update: (p) =>
        io.err(
          `${p.phase === "hash" ? "hashed" : "synced"} ${p.filesDone}/${p.filesTotal} ${bytes(p.bytesDone)}${p.bytesTotal === undefined ? "" : `/${bytes(p.bytesTotal)}`} ${p.path}\n`,
        ),
      close: () => undefined,
    };
  }
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
