import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import { join } from "node:path";
import { inside } from "../hosting/local-tree.js";
import type { ConfigIssue } from "./errors.js";
import { MAX_JSON_DEPTH, positionAt, syntaxErrorPosition, tooDeepAt } from "./json-position.js";
import { HOSTING_FILES_DIR, isDependencyPath, MANAGED_DIRS, ROOT_CONFIG, under } from "./layout.js";

/** An app folder's configuration, parsed: JSON documents and JavaScript sources by path. */
export interface AppFolder {
  /** Parsed JSON files by path (relative, `/`-separated). */
  json: Map<string, unknown>;
  /** `.js` files by path. */
  sources: Map<string, string>;
  /** The text of every JSON file, to place errors in it. */
  text: Map<string, string>;
}

/**
 * Reads the configuration files of an app folder (the root config and the `.json`/`.js` files of
 * the layout's folders; not hosted files, not dependencies, nothing else) and parses them. A file
 * that is not JSON becomes an issue with its line and column; the others are still read.
 */
export async function readAppFolder(
  dir: string,
): Promise<{ folder: AppFolder; issues: ConfigIssue[] }> {
  const { paths, links } = listConfigFiles(dir);
  // `path` is one the walk built from directory entries: appending it needs no normalizing.
  const base = join(dir, "/");
  const refused: ConfigIssue[] = [];
  if (links.length > 0) {
    const root = realpathSync(dir);
    for (const path of links) {
      const why = linkIssue(root, base + path);
      if (why)
        refused.push({ file: path, line: undefined, column: undefined, pointer: "", message: why });
    }
  }
  const unread = new Set(refused.map((issue) => issue.file));
  // Config files are small and few. Read synchronously, each costs four system calls; through
  // the thread pool each is four round trips too, about five times the CPU (measured: 555
  // files, 9 ms against 76 ms). A turn of the event loop every READ_SLICE files keeps it free.
  const files = new Map<string, string>();
  for (const [i, path] of paths.entries()) {
    if (i > 0 && i % READ_SLICE === 0) await nextTurn();
    if (unread.has(path)) continue;
    const text = readFileSync(base + path, UTF8);
    // Bytes that are not UTF-8 were read as U+FFFD: sent so, the file would be changed unseen.
    const notUtf8 = text.includes("\uFFFD")
      ? badUtf8(readFileSync(base + path), text, path)
      : undefined;
    if (notUtf8) refused.push(notUtf8);
    else files.set(path, text);
  }
  const parsed = parseAppFiles(files);
  parsed.issues.push(...refused);
  return parsed;
}

/**
 * Why the symlink at `file` is not read, if it is not: the folder's configuration is its own
 * files, as hosting's sync has it (`listLocalFiles`), so a link leading out of the folder `root`
 * (resolved), such as a cloned repository's `functions/x.js -> ~/.ssh/id_rsa`, is never
 * imported; nor is one to something that is not a file (reading a FIFO would block).
 */
function linkIssue(root: string, file: string): string | undefined {
  let target: string;
  try {
    target = realpathSync(file);
  } catch (error) {
    return `symlink to nothing that exists (${(error as NodeJS.ErrnoException).code})`;
  }
  if (!inside(root, target))
    return `symlink leading outside the app folder, to ${target}: not read`;
  if (!statSync(target).isFile()) return `symlink to ${target}, which is not a regular file`;
  return undefined;
}

/**
 * The first byte of `bytes` that is not UTF-8, placed in `text` (what decoding put there), or
 * undefined when every U+FFFD in `text` is one the file holds.
 */
function badUtf8(bytes: Uint8Array, text: string, path: string): ConfigIssue | undefined {
  let at = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (
      code === 0xfffd &&
      !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)
    ) {
      const byte = `0x${bytes[at]!.toString(16).padStart(2, "0")}`;
      const message = `not UTF-8 text (byte ${byte}): save it as UTF-8`;
      return { file: path, line, column: i - lineStart + 1, pointer: "", message };
    }
    if (code === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    if (code > 0xffff) i++;
    at += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return undefined;
}

/** Files read between two turns of the event loop. */
const READ_SLICE = 64;

// The encoding as an options object: given as a string, Node copies its default options into a
// new object on every call, half the cost of reading a small file (Node 20: 501 files, 1.1
// against 2.1 ms).
const UTF8 = { encoding: "utf8" } as const;

/** Parses config files given as text by path (what `readAppFolder` read, or what a pull renders). */
export function parseAppFiles(files: ReadonlyMap<string, string>): {
  folder: AppFolder;
  issues: ConfigIssue[];
} {
  const folder: AppFolder = { json: new Map(), sources: new Map(), text: new Map() };
  const issues: ConfigIssue[] = [];
  for (const [path, text] of files) {
    if (path.endsWith(".js")) {
      folder.sources.set(path, text);
      continue;
    }
    folder.text.set(path, text);
    const deep = tooDeepAt(text);
    if (deep !== undefined) {
      const message = `nested deeper than ${MAX_JSON_DEPTH} levels (this bracket opens level ${MAX_JSON_DEPTH + 1}): no configuration needs that, and it is not read`;
      issues.push({ file: path, ...positionAt(text, deep), pointer: "", message });
      continue;
    }
    try {
      folder.json.set(path, JSON.parse(text));
    } catch (error) {
      const at = syntaxErrorPosition(text) ?? { line: 1, column: 1 };
      // An editor's byte order mark is invisible in the parser's "Unexpected token" message.
      const why = text.startsWith("\uFEFF")
        ? "it starts with a byte order mark (U+FEFF); save it as UTF-8 without one"
        : error instanceof Error
          ? error.message.replace(/, ".*$|\s+in JSON at .*$/s, "")
          : "";
      issues.push({ file: path, ...at, pointer: "", message: `not valid JSON: ${why}` });
    }
  }
  return { folder, issues };
}

/**
 * Paths of the config files under `dir`, sorted, `/`-separated, and which of them are symlinks.
 * Listed synchronously, as the files are read: a push hashes its hosted files meanwhile, and a
 * listing sent to the thread pool waits behind those reads, folder after folder, while every
 * request of the push waits for the folder to be loaded.
 */
function listConfigFiles(dir: string): { paths: string[]; links: string[] } {
  const out: string[] = [];
  const links: string[] = [];
  const top = readdirSync(dir, DIRENTS);
  if (top.some((entry) => entry.name === ROOT_CONFIG && entry.isFile())) out.push(ROOT_CONFIG);
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative), DIRENTS)) {
      const path = `${relative}/${entry.name}`;
      if (under(path, HOSTING_FILES_DIR) || isDependencyPath(path)) continue;
      // Nor a node_modules folder deeper down: the official CLI reads none below functions/.
      if (entry.name === "node_modules" && path.startsWith("functions/")) continue;
      // Symlinked folders are not followed: the folder's files are its own.
      if (entry.isDirectory()) walk(path);
      else if ((entry.isFile() || entry.isSymbolicLink()) && /\.(?:js|json)$/.test(entry.name)) {
        out.push(path);
        if (entry.isSymbolicLink()) links.push(path);
      }
    }
  };
  for (const entry of top) {
    if (entry.isDirectory() && (MANAGED_DIRS as readonly string[]).includes(entry.name))
      walk(entry.name);
  }
  return { paths: out.sort(), links };
}

const DIRENTS = { withFileTypes: true } as const;
