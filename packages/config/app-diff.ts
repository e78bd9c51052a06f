import { parseAppFiles, type AppFolder } from "./app-folder.js";
import { collectResources, KIND_ORDER, type Resource } from "./resources.js";
import type { DependenciesDiff } from "./dependencies.js";

/** How one resource differs between the folder and the app. */
export interface ResourceChange {
  kind: string;
  name: string;
  /** `added`: only in the folder; `removed`: only in the app (a push deletes it); `changed`. */
  change: "added" | "changed" | "removed";
  /** The folder files that hold what differs (for `removed`: where it would be after a pull). */
  files: string[];
}

/** What a push of the folder would change in hosting (paths; see `syncHosting`). */
export interface HostingChanges {
  upload: string[];
  patch: string[];
  delete: string[];
}

/** What `diffApp` returns: JSON as it is, and `formatAppDiff` prints it. */
export interface AppDiff {
  /** Per resource, the folder against the deployed app, sorted by kind then name. */
  changes: ResourceChange[];
  /**
   * The server's own diff of the folder (`POST …/import?diff=true`), one line per change as the
   * official CLI prints it; undefined when the server did not offer one.
   */
  serverDiff: string[] | undefined;
  /** Hosting changes, when hosting was included. */
  hosting: HostingChanges | undefined;
  /** The server's diff of the functions' dependencies, when they were included. */
  dependencies?: DependenciesDiff | undefined;
  /**
   * Whether a push would change the configuration (and so deploy): by the server's diff when
   * there is one (the official CLI's rule), else by `changes`.
   */
  configChanged: boolean;
  /** Whether a push would change anything: the configuration, hosting or the dependencies. */
  hasChanges: boolean;
}

/** Compares the folder's resources (`local`) with the app's (`remote`). */
export function diffResources(
  local: ReadonlyMap<string, Resource>,
  remote: ReadonlyMap<string, Resource>,
): ResourceChange[] {
  const changes: ResourceChange[] = [];
  for (const [key, mine] of local) {
    const theirs = remote.get(key);
    if (!theirs) {
      changes.push({ kind: mine.kind, name: mine.name, change: "added", files: filesOf(mine) });
      continue;
    }
    const differing = new Set<string>();
    for (const [part, { file, content }] of mine.parts) {
      if (theirs.parts.get(part)?.content !== content) differing.add(file);
    }
    for (const [part, { file }] of theirs.parts) if (!mine.parts.has(part)) differing.add(file);
    if (differing.size > 0) {
      changes.push({
        kind: mine.kind,
        name: mine.name,
        change: "changed",
        files: [...differing].sort(),
      });
    }
  }
  for (const [key, theirs] of remote) {
    if (!local.has(key)) {
      changes.push({
        kind: theirs.kind,
        name: theirs.name,
        change: "removed",
        files: filesOf(theirs),
      });
    }
  }
  const rank = (kind: string) => {
    const i = (KIND_ORDER as readonly string[]).indexOf(kind);
    return i === -1 ? KIND_ORDER.length : i;
  };
  return changes.sort(
    (a, b) => rank(a.kind) - rank(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * Compares a loaded folder with the app's files as a pull renders them (`remote`, by path): what
 * `diffResources` finds between the two parsed folders. A file whose text is the app's own (after
 * a pull, most of them) is neither parsed again nor printed canonically on either side: equal
 * text holds equal resources.
 */
export function diffAppFiles(
  local: AppFolder,
  remote: ReadonlyMap<string, string>,
): ResourceChange[] {
  const same = new Set<string>();
  const differing = new Map<string, string>();
  for (const [path, text] of remote) {
    if ((local.text.get(path) ?? local.sources.get(path)) === text) same.add(path);
    else differing.set(path, text);
  }
  const theirs = parseAppFiles(differing).folder;
  for (const path of same) {
    const source = local.sources.get(path);
    if (source !== undefined) theirs.sources.set(path, source);
    else theirs.json.set(path, local.json.get(path));
  }
  return diffResources(collectResources(local, same), collectResources(theirs, same));
}

function filesOf(resource: Resource): string[] {
  return [...new Set([...resource.parts.values()].map((part) => part.file))].sort();
}

const MARK = { added: "+", changed: "~", removed: "-" } as const;

/**
 * The diff as text for a terminal or a pull-request comment: one line per resource
 * (`+ function hello  functions/config.json, functions/hello.js`), the hosting paths, the server's
 * own lines when it gave some, and a summary line.
 */
export function formatAppDiff(diff: AppDiff): string {
  const lines: string[] = [];
  const width = Math.max(0, ...diff.changes.map((c) => c.kind.length + c.name.length + 1));
  for (const c of diff.changes) {
    lines.push(`${MARK[c.change]} ${`${c.kind} ${c.name}`.padEnd(width)}  ${c.files.join(", ")}`);
  }
  const hosting = diff.hosting;
  if (hosting) {
    for (const path of hosting.upload) lines.push(`+ hosting file ${path}`);
    for (const path of hosting.patch) lines.push(`~ hosting attributes ${path}`);
    for (const path of hosting.delete) lines.push(`- hosting file ${path}`);
  }
  const deps = diff.dependencies;
  if (deps) {
    for (const d of deps.added) lines.push(`+ dependency ${d.name}@${d.version}`);
    for (const d of deps.modified)
      lines.push(`~ dependency ${d.name}@${d.version} (was ${d.previous_version})`);
    for (const d of deps.deleted) lines.push(`- dependency ${d.name}@${d.version}`);
  }
  if (diff.serverDiff && diff.serverDiff.length > 0) {
    // An entry can span lines (a file's diff): each is indented, not only its first.
    const server = diff.serverDiff.flatMap((entry) => entry.split("\n"));
    lines.push("", "The server's diff:", ...server.map((line) => `  ${line}`));
  }
  const count = (change: ResourceChange["change"]) =>
    diff.changes.filter((c) => c.change === change).length;
  const hostingCount = hosting
    ? hosting.upload.length + hosting.patch.length + hosting.delete.length
    : 0;
  lines.push(
    diff.hasChanges
      ? `${diff.changes.length} resource(s) differ: ${count("added")} added, ${count("changed")} changed, ${count("removed")} removed` +
          (hosting ? `; ${hostingCount} hosting file(s)` : "") +
          (deps
            ? `; ${deps.added.length + deps.modified.length + deps.deleted.length} dependency change(s)`
            : "")
      : "No differences: a push would change nothing.",
  );
  return lines.join("\n") + "\n";
}
