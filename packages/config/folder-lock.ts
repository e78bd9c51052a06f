import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { mkdirSync, readdirSync, realpathSync, statSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
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

/**
 * Where the update of `target` keeps its siblings: beside it, or inside it when it is a mount
 * point (a container's volume), whose renames must stay on its own file system.
 */
export function homeOf(target: string, isDir: boolean): string {
  return isDir && statSync(target).dev !== statSync(dirname(target)).dev ? target : dirname(target);
}

/**
 * `dir` resolved, symlinks followed (as it is when missing). The lock's few calls on folder names
 * are made synchronously, as the config files are read: through the thread pool each is a round
 * trip that a push or pull waits for before its first request (behind a push's hashing reads, or
 * a wake-up on a busy machine), for a call the kernel answers in microseconds.
 */
export function resolvedFolder(dir: string): string {
  try {
    return realpathSync.native(resolve(dir));
  } catch {
    return resolve(dir);
  }
}

/**
 * Holds the folder's lock for a push, so no pull renames files in while the push reads them (the
 * push would send a mix of old and new files); returns what lets go of it. Exclusive, as for a
 * pull: two pushes of one folder would meet on the server's one draft per user and app anyway.
 * No lock where none can be taken: a folder that is not there (the load says so), or one whose
 * parent cannot be written, where no pull can stage files either.
 */
export async function lockForPush(dir: string): Promise<() => Promise<void>> {
  const target = resolvedFolder(dir);
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) return async () => undefined;
  const at = siblingsOf(homeOf(target, isDir), basename(target));
  try {
    await lockUpdates(target, at, "push");
  } catch (error) {
    if (error instanceof PullFolderError) return async () => undefined;
    throw error;
  }
  return () => unlockUpdates(at);
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
const held = new Map<string, string>();

/**
 * Takes the lock of `target`'s updates (for a pull, or for a push that reads the folder), or
 * throws `PullInProgressError` naming the pull or push that holds it. A lock left by a pull that was killed (its process, on this host, is gone) is taken
 * over, and the staging folders left beside the target are removed: while the lock is held, no
 * live pull has one (each takes the lock before making it). Staging folders without a process id
 * (made before pulls took the lock) are left alone: one may be an older pull's, still running.
 */
export async function lockUpdates(
  target: string,
  at: FolderSiblings,
  asking: "pull" | "push" = "pull",
): Promise<void> {
  // A push says so, for the message of a pull it refuses; a pull's lock reads as it always did.
  const owner = `process ${process.pid} on ${hostname()}${asking === "push" ? " (push)" : ""}`;
  // Named by the claim's owner: a pull refused by this process's push says a push holds it.
  const claim = held.get(at.lock);
  if (claim !== undefined) throw new PullInProgressError(target, at.lock, claim, asking);
  held.set(at.lock, owner);
  try {
    await takeLock(target, at, owner, asking);
  } catch (error) {
    held.delete(at.lock);
    throw error;
  }
  try {
    const left = readdirSync(at.parent).filter(
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

async function takeLock(
  target: string,
  at: FolderSiblings,
  owner: string,
  asking: "pull" | "push",
): Promise<void> {
  mkdirSync(at.parent, { recursive: true });
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
        throw new PullInProgressError(
          target,
          at.lock,
          holder || "a process that wrote no name",
          asking,
        );
      if (holder !== undefined) await removeDead(target, at, holder, owner, asking);
    }
  }
}

/**
 * Removes the lock of a dead holder, `holder` being what it was read to hold. Two processes taking
 * it over at once could both remove it, the second removing the first's new lock (no file system
 * call removes a file only if it still holds given bytes): a takeover is made under a second
 * lock, `<lock>.takeover`, and removes the lock only if it still holds `holder`. Only a taker
 * removes another's lock and a dead holder never changes it, so it cannot change in between.
 * A takeover file whose maker is gone (killed within those few calls) is not taken over in turn,
 * which would reopen the race one level up: the error names it for a person to delete.
 */
async function removeDead(
  target: string,
  at: FolderSiblings,
  holder: string,
  owner: string,
  asking: "pull" | "push",
): Promise<void> {
  const takeover = `${at.lock}.takeover`;
  try {
    await writeFile(takeover, owner, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const taker = await readFile(takeover, "utf8").catch(() => undefined);
    // Gone meanwhile: that takeover is over, the lock is read again.
    if (taker === undefined) return;
    if (!gone(taker)) throw new PullInProgressError(target, at.lock, taker, asking);
    throw new PullInProgressError(
      target,
      takeover,
      `${taker || "a process that wrote no name"}, which ended while taking over a killed one's lock`,
      asking,
    );
  }
  try {
    if ((await readFile(at.lock, "utf8").catch(() => undefined)) === holder)
      await rm(at.lock, { force: true });
  } finally {
    await rm(takeover, { force: true });
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
  const match = /^process (\d+) on (.*?)(?: \(push\))?$/.exec(holder);
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
