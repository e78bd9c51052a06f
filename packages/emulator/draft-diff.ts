import type { Draft } from "./deploy-state.js";
import type { AppState } from "./state.js";
import type { StoredValue } from "./values.js";

/**
 * The spec's `Diff` of a draft against the app when the draft was opened: one line-by-line diff
 * per changed Value config file, and the hosted files added, deleted or modified.
 */
export function draftDiff(
  draft: Draft,
  app: AppState,
): {
  diffs: string[];
  hosting_files_diff: { added: string[]; deleted: string[]; modified: string[] };
} {
  const diffs: string[] = [];
  const before = byName(draft.snapshot.values.values());
  const after = byName(app.values.values());
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = config(before.get(name));
    const now = config(after.get(name));
    if (old === now) continue;
    const lines = [`--- values/${name}.json`, `+++ values/${name}.json`];
    if (old) lines.push(...old.split("\n").map((l) => `-${l}`));
    if (now) lines.push(...now.split("\n").map((l) => `+${l}`));
    diffs.push(lines.join("\n"));
  }
  const added: string[] = [];
  const deleted: string[] = [];
  const modified: string[] = [];
  const current = new Map(app.hosting.list().map((a) => [a.path, a]));
  for (const [path, asset] of current) {
    const old = draft.snapshot.hosting.get(path);
    if (!old) added.push(path);
    else if (old.hash !== asset.hash || JSON.stringify(old.attrs) !== JSON.stringify(asset.attrs))
      modified.push(path);
  }
  for (const path of draft.snapshot.hosting.keys()) if (!current.has(path)) deleted.push(path);
  return { diffs, hosting_files_diff: { added, deleted: deleted.sort(), modified } };
}

function byName(values: Iterable<StoredValue>): Map<string, StoredValue> {
  return new Map([...values].map((v) => [v.name, v]));
}

function config(value: StoredValue | undefined): string {
  if (!value) return "";
  const { _id: _omitted, ...file } = value;
  return JSON.stringify(file, null, 2);
}
