import { realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { CliContext } from "./context.js";
import { UsageError } from "./exit-codes.js";

/**
 * `-o FILE` inside an app's folder (the one a pull writes, a push or a diff reads), refused before
 * anything is sent unless at the folder's top, where the app owns only realm_config.json; inside a
 * folder `hosting sync` uploads, refused anywhere (every file there is hosted, FILE's temporary
 * file while the sync runs too). Below it,
 * in `functions/`, `hosting/files/`, `.mdb/`..., a file can be one of the app's: FILE (and its
 * temporary file while the command runs) would be deleted by the next pull (or refuse it),
 * uploaded by `push -s` under hosting/files, read as configuration by the next push; as
 * realm_config.json it would replace the app's. Compared with both paths' links followed, so a
 * link cannot smuggle FILE in.
 */
export async function checkOutputPlace(
  ctx: CliContext,
  dir: string,
  role: "pulled into" | "pushed" | "diffed" | "synced",
): Promise<void> {
  if (ctx.output === undefined) return;
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  const { file: given, place } = ctx.output;
  const named = place === given ? given : `${given} (a link to ${place})`;
  const file = join(await real(dirname(place)), basename(place));
  const inside = relative(await real(dir), file);
  if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return;
  // The folder itself: a pull makes it (the report could not then be put there), and a push, a
  // diff or a sync has it as a folder.
  if (inside === "") {
    throw new UsageError(`--output-target ${named} is ${dir}, the folder ${role}: name a file`);
  }
  if (role === "synced") {
    throw new UsageError(
      `--output-target ${named} is inside ${dir}, the folder synced, whose every file is uploaded: name a file outside it`,
    );
  }
  // In any case: on a file system that ignores it (macOS, Windows) REALM_CONFIG.json is that file.
  if (inside.toLowerCase() === "realm_config.json") {
    throw new UsageError(
      `--output-target ${named} is the realm_config.json of ${dir}, the folder ${role}, ` +
        `${role === "pulled into" ? "which the pull writes" : "the app's own file"}: name another file`,
    );
  }
  if (inside.includes(sep)) {
    throw new UsageError(
      `--output-target ${named} is below ${dir}, the folder ${role}, where a file can be one of the app's ` +
        `(written or deleted by a pull, uploaded by push -s under hosting/files): name a file at the folder's top or outside it`,
    );
  }
}
