import { nodeFsPromises, nodePath } from "./node-builtins.js";
import { HostingPathError } from "./errors.js";
import { ignoreMatcher, type IgnoreOption } from "./ignore-rules.js";

/** A file found under the synced folder. */
export interface LocalEntry {
  /** Resource path: `/`-rooted, `/`-separated on every OS (`/css/site.css`). */
  path: string;
  /** Where to read it (a symlink already resolved to its target inside the folder). */
  file: string;
}

/**
 * Lists the regular files under `dir`, sorted by resource path. Symlinks are followed when their
 * target is inside `dir`; one that leads outside (or dangles, or loops) fails the whole listing
 * with `HostingPathError` naming the link, so a sync never publishes a file from elsewhere on
 * the machine. Sockets, FIFOs and devices are skipped (reading a FIFO would block).
 */
export async function listLocalFiles(
  dir: string,
  options: { ignore?: IgnoreOption | undefined; signal?: AbortSignal | undefined } = {},
): Promise<LocalEntry[]> {
  const root = await nodeFsPromises()
    .realpath(dir)
    .catch((error: unknown) => {
      throw new HostingPathError(`cannot read the folder to sync ${JSON.stringify(dir)}`, {
        cause: error,
      });
    });
  if (!(await nodeFsPromises().stat(root)).isDirectory())
    throw new HostingPathError(`${JSON.stringify(dir)} is not a folder`);
  const skip = await ignoreMatcher(options.ignore);
  const { sep } = nodePath();
  const out: LocalEntry[] = [];

  const visit = async (
    real: string,
    prefix: string,
    ancestors: readonly string[],
  ): Promise<void> => {
    options.signal?.throwIfAborted();
    const entries = await nodeFsPromises().readdir(real, { withFileTypes: true });
    // Folders and links are looked into all at once, not one after the other: each is a round
    // trip through the thread pool, which waits for a free turn of a thread a push keeps busy
    // loading its folder (2,000 files in 20 folders: hashing started after the folder's load,
    // not beside it). The error is the one a walk in order meets first.
    const pending: Promise<void>[] = [];
    try {
      for (const entry of entries) {
        const asset = prefix + entry.name;
        const link = entry.isSymbolicLink();
        // Ignored entries are never looked at, links included: an ignored link may point anywhere.
        if (
          link ? skip(asset) || skip(`${asset}/`) : skip(entry.isDirectory() ? `${asset}/` : asset)
        )
          continue;
        // `real` is a resolved path and a name has no separator: joined by hand, without the
        // normalising pass of `path.join` (a string per file more, in every sync and `hashTree`).
        const at = real.endsWith(sep) ? real + entry.name : real + sep + entry.name;
        if (link) pending.push(followLink(root, at, asset).then((kind) => take(kind, asset)));
        else if (entry.isDirectory()) pending.push(take({ type: "dir", real: at }, asset));
        else if (entry.isFile()) out.push({ path: asset, file: at });
      }
    } catch (error) {
      // A throwing `skip` stops the walk where it threw, after what came before it.
      pending.push(Promise.reject(error));
    }
    for (const outcome of await Promise.allSettled(pending)) {
      if (outcome.status === "rejected") throw outcome.reason;
    }

    async function take(kind: Kind, asset: string): Promise<void> {
      if (kind.type === "dir") {
        if (ancestors.includes(kind.real)) {
          throw new HostingPathError(
            `symlink ${asset} leads back to a folder that contains it (${kind.real}): refusing to loop`,
          );
        }
        await visit(kind.real, `${asset}/`, [...ancestors, kind.real]);
      } else if (kind.type === "file") {
        out.push({ path: asset, file: kind.real });
      }
    }
  };
  await visit(root, "/", [root]);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

type Kind = { type: "dir" | "file" | "other"; real: string };

async function followLink(root: string, at: string, asset: string): Promise<Kind> {
  let target: string;
  try {
    target = await nodeFsPromises().realpath(at);
  } catch (error) {
    throw new HostingPathError(`symlink ${asset} (${at}) points at nothing that exists`, {
      cause: error,
    });
  }
  if (!inside(root, target)) {
    throw new HostingPathError(
      `symlink ${asset} (${at}) leads outside the synced folder ${root}, to ${target}: refusing to upload it`,
    );
  }
  const info = await nodeFsPromises().stat(target);
  return { type: info.isDirectory() ? "dir" : info.isFile() ? "file" : "other", real: target };
}

/** Whether `target` is `root` or below it (both already resolved by `realpath`). */
export function inside(root: string, target: string): boolean {
  const { isAbsolute, relative, sep } = nodePath();
  const rel = relative(root, target);
  return rel === "" || (!isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`));
}
