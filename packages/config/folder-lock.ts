import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { PullFolderError, PullInProgressError } from "./errors.js";

/**
 * The staging folders and the lock of updates to one folder, all beside it: `.<name>.pull.lock`
 * and `.<name>.pull-<pid>-<random>`. The lock is held from the first staged file to the end of
 * the update, so two updates never rename into one folder at once.
 */
export interface FolderSiblings {
  /** The folder beside the target that holds its staging folders and lock. */
  parent: string;
  /** `.<name>.pull-`: what every staging folder's name starts with. */
  prefix: string;
  lock: string;
}

export function siblingsOf(parent: string, name: string): FolderSiblings {
  // A folder named near the 255-byte limit leaves no room for the suffixes (every pull into it
  // failed, blaming realm_config.json's name): its siblings are named by a digest of its name.
  const stem =
    Buffer.byteLength(name) > 200
      ? createHash("sha256").update(name).digest("hex").slice(0, 16)
      : name;
  return { parent, prefix: `.${stem}.pull-`, lock: `${parent}/.${stem}.pull.lock` };
}

/** Where `mkdtemp` makes this process's staging folder (its id in the name, for a person). */
export function stagingPrefix(at: FolderSiblings): string {
  return `${at.parent}/${at.prefix}${process.pid}-`;
}

/**
 * The locks this process holds or is taking, claimed in the same turn as the check, before the
 * lock file is made: a second pull of this process fails at once, and a lock file with this
 * process's id found by the one pull taking it is a dead process's (the id reused). Claimed once
 * the file was made, a second pull reading it in between took it for a dead one's and removed it.
 */
const held = new Set<string>();

/**
 * Takes the lock of `target`'s updates, or throws `PullInProgressError` naming the pull that
 * holds it. A lock left by a pull that was killed (its process, on this host, is gone) is taken
 * over, and the staging folders left beside the target are removed: while the lock is held, no
 * live pull has one (each takes the lock before making it). Staging folders without a process id
 * (made before pulls took the lock) are left alone: one may be an older pull's, still running.
 */
export async function lockUpdates(target: string, at: FolderSiblings): Promise<void> {
  const owner = `process ${process.pid} on ${hostname()}`;
  if (held.has(at.lock)) throw new PullInProgressError(target, at.lock, owner);
  held.add(at.lock);
  try {
    await takeLock(target, at, owner);
  } catch (error) {
    held.delete(at.lock);
    throw error;
  }
  try {
    const left = (await readdir(at.parent)).filter(
      (name) =>
        name.startsWith(at.prefix) && /^\d+-[A-Za-z0-9]{6}$/.test(name.slice(at.prefix.length)),
    );
    await Promise.all(
      left.map((name) => rm(`${at.parent}/${name}`, { recursive: true, force: true })),
    );
  } catch (error) {
    // The caller never learns it held the lock: left, it would refuse this process's next pulls.
    await unlockUpdates(at);
    throw error;
  }
}

async function takeLock(target: string, at: FolderSiblings, owner: string): Promise<void> {
  await mkdir(at.parent, { recursive: true });
  for (let tries = 0; ; tries++) {
    try {
      // Made with its content in one call: a lock is never seen empty but in the instant between
      // its creation and its write, when it reads as held by someone unknown (live, to be safe).
      await writeFile(at.lock, owner, { flag: "wx" });
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
        throw new PullFolderError(
          target,
          `cannot pull into ${target}: ${at.parent}, where the pull stages its files, cannot be written (${code}); nothing was changed`,
          { cause: error },
        );
      }
      if (code !== "EEXIST") throw error;
      // Undefined: gone meanwhile (its pull ended), so try again.
      const holder = await readFile(at.lock, "utf8").catch(() => undefined);
      if (holder !== undefined && (tries === 2 || !gone(holder)))
        throw new PullInProgressError(target, at.lock, holder || "a process that wrote no name");
      // Left: two processes taking over one dead lock in the same instant could both remove it,
      // the second removing the first's new lock (no file system call removes a file only if it
      // still holds given bytes); a window of a few system calls after a killed pull.
      if (holder !== undefined) await rm(at.lock, { force: true });
    }
  }
}

// The claim outlives the file: a pull of this process let in before the removal would take the
// file for a dead one's and make its own, which this removal could then delete.
/** Lets the next update of the folder take the lock. */
export async function unlockUpdates(at: FolderSiblings): Promise<void> {
  await rm(at.lock, { force: true }).finally(() => held.delete(at.lock));
}

/**
 * Whether the lock's holder is known to be gone: a process of this host that no longer exists,
 * or this process's id (a dead one's, whose id was reused, as in a container where every run has
 * the same few ids: the pull asking holds this process's claim on the lock, see `held`). Another
 * host's process cannot be looked up (a folder shared over the network): it is taken as live.
 */
function gone(holder: string): boolean {
  const match = /^process (\d+) on (.*)$/.exec(holder);
  if (!match || match[2] !== hostname()) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
