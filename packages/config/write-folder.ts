import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  open,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { limiter, runPool } from "../hosting/pool.js";
import { PullFolderError } from "./errors.js";
import {
  homeOf,
  lockUpdates,
  resolvedFolder,
  siblingsOf,
  stagingPrefix,
  unlockUpdates,
} from "./folder-lock.js";
import { listTree, removeEmptyParents } from "./folder-tree.js";
import { under } from "./layout.js";

/** Renames and deletions in flight at once (libuv runs four at a time; a few more keep it busy). */
const IO_CONCURRENCY = 16;

/**
 * Staged files being created at once, from all of an update's writers together (a pull has up to
 * 24): enough to keep libuv's four threads busy and let several completions share one wake-up of
 * this thread (a bound of 1 or 2 was slower), few enough that a turn of the event loop handles a
 * handful, not hundreds, and that the bytes waiting for the pool stay few.
 */
const CREATE_CONCURRENCY = 16;

/** What a folder update changed. Paths are relative and sorted. */
export interface FolderChanges {
  written: string[];
  deleted: string[];
  unchanged: number;
}

/** The paths an update may overwrite or delete: below `roots`, and passing `test`. */
export interface OwnedPaths {
  roots: readonly string[];
  test: (path: string) => boolean;
  /** Whether a folder may hold such paths; one that cannot is not walked (see `listTree`). */
  walked?: ((folder: string) => boolean) | undefined;
}

/**
 * A folder being brought to a new set of files. Nothing in the folder changes before `commit`:
 * new and changed files go to a staging folder beside it (same file system), laid out as the
 * folder is, and `commit` renames them in. From the first staged file (or deletion) the update
 * holds the folder's lock (see `lockUpdates`): another update of it fails with
 * `PullInProgressError` before changing anything. Always end with `dispose`.
 */
export interface FolderUpdate {
  /** The folder updated (resolved, symlinks followed), as errors name it. */
  readonly dir: string;
  /** Only a plan: see `openFolderUpdate`'s `dryRun`. */
  readonly dryRun: boolean;
  /**
   * `path` is to hold `content`: written to staging unless the file there already has these bytes.
   * Settles once the staged file is written (see `writeNewFile`); several may be under way at once.
   * With `changed`, the caller knows the file there holds other bytes (a hosted file whose MD5
   * is not the listed one): it is not read back to compare.
   */
  put(path: string, content: string | Uint8Array, known?: { changed: true }): Promise<void>;
  /** `path` is already right (a hosted file whose MD5 matched): left as it is. */
  keep(path: string): void;
  /** Where to write `path`'s new content in the staging folder (its folder created). */
  stream(path: string): Promise<string>;
  /**
   * What `commit` would replace and delete: files already in the folder that get other bytes,
   * and owned files that were not given. Ask once every `put` and `stream` has settled.
   */
  pending(): { overwritten: string[]; deleted: string[] };
  /** Renames the staged files in, then deletes owned files that were not given, and empty folders. */
  commit(): Promise<FolderChanges>;
  /**
   * Removes what is left of the staging folder (after a failure: everything that was staged),
   * then lets go of the lock. Call it once every `put` has settled, or a write still under way
   * could outlive the removal.
   */
  dispose(): Promise<void>;
}

/**
 * Starts an update of `dir` (created if missing) touching only the files `owned` claims. A file
 * whose bytes are already right is never rewritten (its mtime stays), and a pull that changes
 * nothing writes nothing, not even a staging folder. Each new or changed file is written once,
 * into staging; `commit` moves in each folder that did not exist yet whole (a fresh pull is one
 * rename) and each other file by itself, so every file is replaced whole. Everything that can fail
 * for lack of space or a bad name fails while staging, before the folder is touched.
 *
 * With `dryRun`, nothing is written anywhere (no staging folder, no lock): `put` only compares,
 * `stream` is refused (the caller needs no bytes to know a file changes: pass `changed`), and
 * `commit` makes the checks a commit makes before its first change, then returns what it would
 * have written and deleted.
 */
export async function openFolderUpdate(
  dir: string,
  owned: OwnedPaths,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<FolderUpdate> {
  // A folder that is a symlink is updated where it leads: its staging folder goes beside that,
  // on its file system (beside the link, every rename in could fail with EXDEV).
  const target = resolvedFolder(dir);
  const tree = await listTree(target, owned.roots, owned.walked);
  const existing = new Set(tree.files.filter(owned.test));
  const present = new Set<string>([...tree.files, ...tree.dirs]);
  const given = new Set<string>();
  const written: string[] = [];
  let unchanged = 0;
  let staging: Promise<string> | undefined;
  // A folder that is a mount point (a container's volume) is on another file system than the one
  // it is in: its staging folder and lock go inside it, where the renames stay on its own.
  const siblings = siblingsOf(homeOf(target, tree.dirs.has("")), basename(target));
  // Taken before the first staged file or deletion: nothing changes without it.
  let locking: Promise<void> | undefined;
  const locked = () => (locking ??= lockUpdates(target, siblings));
  const folders = new Set<string>();
  const creating = limiter(CREATE_CONCURRENCY);

  const claim = (path: string) => {
    if (given.has(path)) throw new Error(`${path} was given twice`);
    given.add(path);
  };
  const stagingDir = () => (staging ??= locked().then(() => mkdtemp(stagingPrefix(siblings))));
  // Known once the staging folder is made: from then on a put needs no await to place a file.
  let root: string | undefined;
  const stagedPath = async (path: string) => stagedIn((root ??= await stagingDir()), path);
  // `path` is relative, `/`-separated and has no empty, `.` or `..` segment (every name in it
  // passed `checkFileName`), so joining it is a concatenation: no normalizing pass per file.
  const stagedIn = (into: string, path: string) => {
    const slash = path.lastIndexOf("/");
    if (slash > 0) {
      const folder = path.slice(0, slash);
      if (!folders.has(folder)) {
        mkdirSync(`${into}/${folder}`, { recursive: true });
        folders.add(folder);
      }
    }
    return `${into}/${path}`;
  };
  // The shallowest part of `path` missing from the folder: moving it in brings everything below.
  const unitOf = (path: string) => {
    if (!tree.dirs.has("")) return "";
    const segments = path.split("/");
    for (let i = 1; i < segments.length; i++) {
      const prefix = segments.slice(0, i).join("/");
      if (!present.has(prefix)) return prefix;
    }
    return path;
  };

  // Before the first rename: a unit whose place holds something of the other kind would fail its
  // rename after others had gone in, leaving the folder neither as it was nor pulled. What is in
  // the way is cleared first when it is only files this update deletes (a hosted file `/docs`
  // that is now the folder of `/docs/index.html`, or the reverse); anything else (a file of the
  // user's named `functions`) fails the update before it changes anything.
  const inTheWay = (unit: string, gone: ReadonlySet<string>): string | undefined => {
    if (unit === "") return undefined;
    if (tree.dirs.has(unit)) {
      const below = tree.files.filter((file) => file.startsWith(`${unit}/`));
      // A folder the walk did not enter, this one or one below it, may hold anything: never
      // cleared.
      const unseen = [...tree.dirs].some(
        (folder) =>
          (folder === unit || folder.startsWith(`${unit}/`)) && owned.walked?.(folder) === false,
      );
      if (!unseen && below.every((file) => gone.has(file))) return unit;
      throw new PullFolderError(
        target,
        `cannot pull into ${target}: ${unit} is a folder there, where the app has a file`,
      );
    }
    const parent = unit.slice(0, Math.max(unit.lastIndexOf("/"), 0));
    // A folder the walk did not list as one is a file, or a symlink (to a folder, it will do).
    if (parent === "" || tree.dirs.has(parent) || isFolder(`${target}/${parent}`)) return undefined;
    if (gone.has(parent)) return parent;
    throw new PullFolderError(
      target,
      `cannot pull ${unit} into ${target}: ${parent} is a file, not a folder; move it away and pull again`,
    );
  };
  /**
   * Throws before the first change when one of `folders` (relative; `""` the folder itself)
   * refuses writes (a read-only folder, or one of another user's): its renames and deletions
   * would fail after those into other folders were made. One call per folder, not per file.
   */
  const writable = (folders: readonly string[]) => {
    for (const folder of new Set(folders)) {
      try {
        accessSync(folder === "" ? target : `${target}/${folder}`, constants.W_OK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Missing: only the unit "" (the whole folder, renamed in from beside it) has none.
        if (code === "ENOENT") continue;
        throw new PullFolderError(
          target,
          `cannot pull into ${target}: ${folder === "" ? "the folder" : folder} cannot be written (${code}); nothing was changed`,
          { cause: error },
        );
      }
    }
  };
  /** Removes what `inTheWay` found, and forgets it: the units are then taken again. */
  const clear = async (paths: readonly string[]) => {
    await runPool(paths, IO_CONCURRENCY, (path) =>
      rm(join(target, path), { recursive: true, force: true }),
    );
    for (const path of paths) {
      for (const known of [...present]) {
        if (under(known, path)) {
          present.delete(known);
          tree.dirs.delete(known);
        }
      }
    }
  };

  return {
    dir: target,
    dryRun,
    async put(path, content, known) {
      claim(path);
      const bytes = typeof content === "string" ? Buffer.from(content) : content;
      if (!known?.changed && existing.has(path) && sameBytes(`${target}/${path}`, bytes)) {
        unchanged++;
        return;
      }
      if (dryRun) {
        written.push(path);
        return;
      }
      try {
        const file = root === undefined ? await stagedPath(path) : stagedIn(root, path);
        await creating(() => writeNewFile(file, bytes));
      } catch (error) {
        throw stagingError(target, path, error);
      }
      written.push(path);
    },
    keep(path) {
      claim(path);
      unchanged++;
    },
    async stream(path) {
      if (dryRun) throw new Error(`${path}: a dry run stages nothing to stream into`);
      claim(path);
      const file = await stagedPath(path).catch((error: unknown) => {
        throw stagingError(target, path, error);
      });
      written.push(path);
      return file;
    },
    pending() {
      return {
        overwritten: written.filter((path) => existing.has(path)).sort(),
        deleted: [...existing].filter((path) => !given.has(path)).sort(),
      };
    },
    async commit() {
      const deleted = [...existing].filter((path) => !given.has(path));
      const changes = () => ({ written: [...written].sort(), deleted: deleted.sort(), unchanged });
      let left = deleted;
      if (written.length > 0) {
        // In path order, so a pull in the way of several of its files names the same one every
        // time, whatever order the files arrived in.
        let units = [...new Set([...written].sort().map(unitOf))];
        writable([...units, ...deleted].map(folderOf));
        const gone = new Set(deleted);
        const cleared = units.map((unit) => inTheWay(unit, gone)).filter((p) => p !== undefined);
        if (dryRun) return changes();
        const root = await stagingDir();
        if (cleared.length > 0) {
          await clear(cleared);
          units = [...new Set(written.map(unitOf))];
          left = deleted.filter((path) => !cleared.some((c) => under(path, c)));
        }
        await runPool(units, IO_CONCURRENCY, (unit) =>
          rename(join(root, unit), join(target, unit)),
        );
      }
      if (left.length > 0) {
        if (!dryRun) await locked();
        if (written.length === 0) writable(left.map(folderOf));
      }
      if (dryRun) return changes();
      await runPool(left, IO_CONCURRENCY, (path) => rm(join(target, path), { force: true }));
      await removeEmptyParents(target, left);
      return changes();
    },
    async dispose() {
      try {
        // A staging folder that could not be made has nothing to remove.
        await staging?.then(
          (root) => rm(root, { recursive: true, force: true }),
          () => undefined,
        );
      } finally {
        // Only once the removal has settled: the next pull takes what is left for a dead one's.
        // Kept after a failed one, the lock would refuse this process's next pulls.
        await locking?.then(
          () => unlockUpdates(siblings),
          () => undefined,
        );
      }
    },
  };
}

/**
 * Creates `file` holding `bytes`. Creating the file is the costly call (on this project's ext4
 * from ~60 µs to several hundred when the disk is busy, most of it kernel CPU), so it runs on the
 * thread pool while this thread goes on with the pull's requests; the write and close of a small
 * file are cheap and made here on the descriptor. One round trip per file, not three as with
 * `fs.writeFile`, whose per-trip cost on this thread is what made pooled writing slower before.
 */
export function writeNewFile(file: string, bytes: Uint8Array): Promise<void> {
  return new Promise((done, fail) =>
    // Never over an existing file: in a fresh staging folder, one is there only when the file
    // system takes two of the pull's names for one (`Logo.png` and `logo.png` on macOS or
    // Windows, NFC and NFD forms on APFS), and writing over it would lose the first silently.
    open(file, "wx", (error, fd) => {
      if (error) return fail(error);
      // A failed close reports a failed write too: either fails the file.
      let failure: { error: unknown } | undefined;
      try {
        writeFileSync(fd, bytes);
      } catch (error) {
        failure = { error };
      }
      try {
        closeSync(fd);
      } catch (error) {
        failure ??= { error };
      }
      if (failure) fail(failure.error);
      else done();
    }),
  );
}

/**
 * The error (a `PullFolderError`) for a staged file that could not be created, naming the app's path (the staging
 * path in the system's error is a temporary name): one of its name already there (see
 * `writeNewFile`), or a name too long for the file system. Other errors are returned as they are.
 */
export function stagingError(dir: string, path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why =
    code === "EEXIST"
      ? "is, on this file system, the same file as another of the pull (names that differ only by case or Unicode normalization?)"
      : code === "ENAMETOOLONG"
        ? "has a name longer than this file system allows (most allow 255 bytes of UTF-8 per name)"
        : undefined;
  return why === undefined
    ? error
    : new PullFolderError(dir, `${path} ${why}: nothing was changed`, { cause: error });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder `path` (relative) is in; `""` for the folder itself. */
function folderOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf("/"), 0));
}

/**
 * Whether `file` holds `bytes`. Read synchronously: a file being compared was just listed and is
 * small config or a changed hosted file, and four system calls cost a fraction of four
 * thread-pool round trips (see `readAppFolder`).
 */
function sameBytes(file: string, bytes: Uint8Array): boolean {
  try {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(readFileSync(file));
  } catch {
    return false;
  }
}
