import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { UsageError } from "./exit-codes.js";

/** One saved login: the session `login` obtained, and the defaults it was given. */
export interface Profile {
  baseUrl?: string | undefined;
  /** Kept to tell the user which key is logged in (shown masked); not a credential on its own. */
  publicKey?: string | undefined;
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  groupId?: string | undefined;
  appId?: string | undefined;
}

/** The file's content: profiles by name. */
interface ProfileFile {
  profiles: Record<string, Profile>;
}

/** The default profile name, and the variable that names another one. */
export const DEFAULT_PROFILE = "default";
export const PROFILE_ENV = "APPSERVICES_PROFILE";

/**
 * `$XDG_CONFIG_HOME/appservices-admin/profiles.json` (else `~/.config/...`; `%APPDATA%` on
 * Windows): the per-user place where tools keep settings.
 */
export function profilesPath(env: NodeJS.ProcessEnv): string {
  const base =
    nonEmpty(env["XDG_CONFIG_HOME"]) ??
    (process.platform === "win32" ? nonEmpty(env["APPDATA"]) : undefined) ??
    join(nonEmpty(env["HOME"]) ?? homedir(), ".config");
  return join(base, "appservices-admin", "profiles.json");
}

/**
 * The profile file. It holds session tokens, so it is written with mode 0600 (in a 0700 folder),
 * always whole and atomically (a temporary file renamed over it; through a symlink, the file it
 * leads to), and a file that group or others can read is narrowed to 0600 when read, with a
 * warning. A change is read, made and written holding a lock file beside it, so two processes
 * saving at once (two logins, a session refresh in a running `logs --tail`) keep both changes.
 * Synchronous on purpose: it is tiny, and a session refresh must be saved before the process can
 * exit.
 */
export class ProfileStore {
  readonly file: string;
  readonly #warn: (message: string) => void;

  constructor(file: string, warn: (message: string) => void) {
    this.file = file;
    this.#warn = warn;
  }

  /** The named profile, or undefined when the file or the profile does not exist. */
  get(name: string): Profile | undefined {
    const { profiles } = this.#read();
    // Own names only: a profile called `toString` or `__proto__` is just a name.
    return Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  }

  /** Replaces the named profile (undefined removes it) and writes the file atomically. */
  set(name: string, profile: Profile | undefined): void {
    this.update(name, () => profile);
  }

  /**
   * Replaces the named profile with what `change` makes of the one saved now (read holding the
   * lock, so a change another process made meanwhile is what `change` sees); undefined removes
   * it, and the saved profile itself given back writes nothing.
   */
  update(name: string, change: (saved: Profile | undefined) => Profile | undefined): void {
    this.#locked(() => {
      const content = this.#read();
      const saved = Object.hasOwn(content.profiles, name) ? content.profiles[name] : undefined;
      const profile = change(saved);
      if (profile === saved) return;
      if (profile === undefined) delete content.profiles[name];
      else Object.defineProperty(content.profiles, name, { value: profile, enumerable: true });
      this.#write(content);
    });
  }

  /**
   * Runs `change` holding `<file>.lock` (created exclusively): another process's change waits
   * for it. The lock is held for a read and a write of a tiny file, so one older than
   * `STALE_LOCK_MS` was left by a process that died holding it and is taken over.
   */
  #locked(change: () => void): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    this.#narrowFolder();
    const lock = `${this.file}.lock`;
    for (let waited = 0; ; waited += LOCK_POLL_MS) {
      try {
        closeSync(openSync(lock, "wx", 0o600));
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      if (lockAge(lock) > STALE_LOCK_MS) {
        rmSync(lock, { force: true });
      } else if (waited >= STALE_LOCK_MS * 2) {
        throw new UsageError(
          `${lock} stays locked by another appservices-admin process; if none is running, delete it`,
        );
      } else {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_POLL_MS);
      }
    }
    try {
      change();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  #read(): ProfileFile {
    let text: string;
    try {
      this.#narrow();
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { profiles: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as Partial<ProfileFile> | null;
      const profiles = parsed?.profiles;
      if (typeof profiles !== "object" || profiles === null || Array.isArray(profiles))
        throw new Error();
      return { profiles };
    } catch {
      throw new UsageError(
        `${this.file} is not a profile file (expected {"profiles": {...}}); fix or delete it, then log in again`,
      );
    }
  }

  // Tokens readable by other users are as good as leaked: narrow the mode and say so.
  #narrow(): void {
    if (process.platform === "win32") return;
    const mode = statSync(this.file).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    chmodSync(this.file, 0o600);
    this.#warn(
      `warning: ${this.file} was readable by others (mode ${mode.toString(8)}); narrowed to 600. ` +
        "Log out and in again if others may have read its tokens.\n",
    );
  }

  // A folder others can write lets them replace the file (their tokens, their server) or hold
  // its lock: narrowed, with a warning, as a file others can read is.
  #narrowFolder(): void {
    if (process.platform === "win32") return;
    const folder = dirname(this.file);
    const mode = statSync(folder).mode & 0o777;
    if ((mode & 0o022) === 0) return;
    chmodSync(folder, 0o700);
    this.#warn(
      `warning: ${folder} was writable by others (mode ${mode.toString(8)}); narrowed to 700.\n`,
    );
  }

  #write(content: ProfileFile): void {
    // Renamed over a symlink, the temporary file would replace the link, not the file it leads to.
    const file = resolvedOrSelf(this.file);
    const temp = `${file}.${process.pid}.tmp`;
    // A leftover of a crashed run would keep its own mode; start from nothing.
    rmSync(temp, { force: true });
    const fd = openSync(temp, "wx", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temp, file);
  }
}

/** How long a change may hold the lock before another process takes it over, in ms. */
const STALE_LOCK_MS = 10_000;
const LOCK_POLL_MS = 5;

/** The age of the lock file in ms (0 if it has just gone). */
function lockAge(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}

/** Where `file` leads when it is a symlink; itself when it is not, or does not exist yet. */
function resolvedOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
