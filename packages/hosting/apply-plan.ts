import type { AdminCaller } from "../client/create-admin-core.js";
import { AdminApiError } from "../core/errors.js";
import type { SyncFailure, SyncOperation } from "./errors.js";
import type { LocalAsset, SyncPlan } from "./plan.js";
import { runPool } from "./pool.js";
import { heldSource } from "./sources.js";
import { sendUpload } from "./upload-asset.js";
import { fileSource } from "./upload-source.js";
import { DeleteHostedAsset, UpdateHostedAsset } from "../../generated/operations/hosting.js";

type Step =
  | { operation: "upload"; asset: LocalAsset }
  | { operation: "attributes"; asset: LocalAsset }
  | { operation: "delete"; path: string };

/** What `applyPlan` did: the paths brought in line, by operation, and the ones that failed. */
export interface Applied {
  uploaded: string[];
  attrsUpdated: string[];
  deleted: string[];
  failed: SyncFailure[];
}

/** Counts after each finished step (uploaded bytes count when their upload has finished). */
export interface StepProgress {
  path: string;
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * Carries out a plan with at most `concurrency` requests in flight: uploads and attribute patches
 * first, then, once all of them have been answered, deletions, so a page never goes missing
 * before its replacement (say `/about.html` -> `/about/index.html`) is in place. A
 * failing path is recorded and the rest go on. A deletion answered 404 counts as done: the listing
 * showed the asset, so it is gone either way (deleted by a first attempt whose answer was lost,
 * or by someone else meanwhile), which is what the sync wanted. On abort, no new step starts, the running ones are
 * cancelled through the signal, and the abort is thrown: a step either completed on the server or
 * did not happen (an upload's MD5 and size are checked there), so running the sync again converges.
 */
export async function applyPlan(
  client: AdminCaller,
  plan: SyncPlan,
  options: {
    groupId: string;
    appId: string;
    concurrency: number;
    signal?: AbortSignal | undefined;
    /** An upload's content, when it was kept from the hashing read (else the file is read again). */
    content?: ((path: string) => Uint8Array | undefined) | undefined;
    onStep?: ((progress: StepProgress) => void) | undefined;
  },
): Promise<Applied> {
  const { groupId, appId, signal } = options;
  const changes: Step[] = [
    ...plan.upload.map((asset) => ({ operation: "upload" as const, asset })),
    ...plan.patch.map((asset) => ({ operation: "attributes" as const, asset })),
  ];
  const deletions: Step[] = plan.delete.map((path) => ({ operation: "delete" as const, path }));
  const total = changes.length + deletions.length;
  const bytesTotal = plan.upload.reduce((sum, asset) => sum + asset.size, 0);
  const applied: Applied = { uploaded: [], attrsUpdated: [], deleted: [], failed: [] };
  let done = 0;
  let bytesDone = 0;

  const perform = async (step: Step): Promise<void> => {
    if (step.operation === "delete") {
      await client
        .call(DeleteHostedAsset, { groupId, appId, path: step.path }, { signal })
        .catch((error: unknown) => {
          if (!(error instanceof AdminApiError && error.status === 404)) throw error;
        });
      return;
    }
    const { path, attrs } = step.asset;
    if (step.operation === "attributes") {
      await client.call(
        UpdateHostedAsset,
        { groupId, appId, path, body: { attributes: attrs } },
        { signal },
      );
      return;
    }
    const { file, hash, size } = step.asset;
    const held = options.content?.(path);
    await sendUpload(client, {
      groupId,
      meta: { path, hash, size, appId, attrs },
      source: held ? heldSource([held], step.asset) : fileSource(file, step.asset),
      signal,
    });
  };

  const run = async (step: Step) => {
    const path = step.operation === "delete" ? step.path : step.asset.path;
    try {
      await perform(step);
      record(applied, step.operation, path);
    } catch (error) {
      if (signal?.aborted) throw error;
      applied.failed.push({ path, operation: step.operation, error });
    }
    if (step.operation === "upload") bytesDone += step.asset.size;
    options.onStep?.({ path, done: ++done, total, bytesDone, bytesTotal });
  };
  // Two phases: a deletion starts only once every upload and patch has been answered.
  await runPool(changes, options.concurrency, run, signal);
  await runPool(deletions, options.concurrency, run, signal);
  for (const list of [applied.uploaded, applied.attrsUpdated, applied.deleted]) list.sort();
  return applied;
}

function record(applied: Applied, operation: SyncOperation, path: string): void {
  if (operation === "upload") applied.uploaded.push(path);
  else if (operation === "attributes") applied.attrsUpdated.push(path);
  else applied.deleted.push(path);
}
