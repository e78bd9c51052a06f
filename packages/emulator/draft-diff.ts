import { exportFiles } from "./app-files.js";
import type { Draft } from "./deploy-state.js";
import { diffFiles } from "./file-diff.js";
import { ResourceStore } from "./resource-store.js";
import type { AppState } from "./state.js";

/**
 * The spec's `Diff` of a draft against the app when the draft was opened: one diff per changed
 * configuration file of the whole app (functions, values, services, triggers, auth, …, in the
 * export's layout), and the hosted files added, deleted or modified.
 */
export function draftDiff(
  draft: Draft,
  app: AppState,
): {
  diffs: string[];
  hosting_files_diff: { added: string[]; deleted: string[]; modified: string[] };
} {
  const before = new ResourceStore(app.now);
  before.restore(draft.snapshot.store);
  const diffs = diffFiles(
    exportFiles({ app: { ...app.app, environment: draft.snapshot.environment }, store: before }),
    exportFiles(app),
  );
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
