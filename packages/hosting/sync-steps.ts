import type { AdminCaller } from "../client/create-admin-core.js";
import { AdminApiError } from "../core/errors.js";
import type { SyncFailure, SyncOperation } from "./errors.js";
import type { FileAction, LocalAsset } from "./plan.js";
import { limiter, runPool } from "./pool.js";
import { heldSource } from "./sources.js";
import { sendUpload } from "./upload-asset.js";
import type { ReadyBody } from "./upload-body.js";
import { fileSource } from "./upload-source.js";
import { DeleteHostedAsset, UpdateHostedAsset } from "../../generated/operations/hosting.js";

/** What a sync did (or, in a dry run, would do): the paths by operation, and the ones that failed. */
export interface Applied {
  uploaded: string[];
  attrsUpdated: string[];
  deleted: string[];
  failed: SyncFailure[];
  unchanged: number;
}

/** Counts after each answered request; the totals grow as files are compared. */
export interface StepProgress {
  path: string;
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  /** Whether every file has been compared, so that `total` and `bytesTotal` will not grow. */
  totalsFinal: boolean;
}

/** Options of `SyncSteps`. */
export interface SyncStepsOptions {
  groupId: string;
  appId: string;
  /** Requests in flight at most. */
  concurrency: number;
  dryRun: boolean;
  signal?: AbortSignal | undefined;
  onStep?: ((progress: StepProgress) => void) | undefined;
}

/**
 * The requests of a sync, sent as soon as each file has been compared with the hosted copy, at
 * most `concurrency` at a time: uploads and attribute patches while other files are still being
 * hashed, then, once all of them have been answered, deletions (`remove`), so a page never goes
 * missing before its replacement (say `/about.html` -> `/about/index.html`) is in place. A
 * failing path is recorded and the rest go on. A deletion answered 404 counts as done: the
 * listing showed the asset, so it is gone either way (deleted by a first attempt whose answer was
 * lost, or by someone else meanwhile). On abort, no new request starts, the running ones are
 * cancelled through the signal and the abort is thrown: a request either completed on the server
 * or did not happen (an upload's MD5 and size are checked there), so running the sync again
 * converges. A dry run records what it would do and sends nothing.
 */
export class SyncSteps {
  readonly applied: Applied = {
    uploaded: [],
    attrsUpdated: [],
    deleted: [],
    failed: [],
    unchanged: 0,
  };
  readonly #client: AdminCaller;
  readonly #options: SyncStepsOptions;
  readonly #turn: <T>(task: () => Promise<T>) => Promise<T>;
  #done = 0;
  #total = 0;
  #bytesDone = 0;
  #bytesTotal = 0;
  #final = false;
  #deletions: readonly string[] = [];

  constructor(client: AdminCaller, options: SyncStepsOptions) {
    this.#client = client;
    this.#options = options;
    this.#turn = limiter(options.concurrency);
  }

  /**
   * Sends what a compared file needs; the caller waits. (An unchanged file needs nothing: the
   * caller counts it in `applied.unchanged`.) An upload sends `ready` when given (its body, laid
   * out around the file as it was hashed), else `bytes` when given (the whole file as it was
   * hashed), else reads the file again, checked by size and modification time.
   */
  file(
    asset: LocalAsset,
    action: Exclude<FileAction, "unchanged">,
    bytes?: Uint8Array,
    ready?: ReadyBody,
  ): Promise<void> {
    this.#total++;
    const { groupId, appId, signal } = this.#options;
    const { path, attrs } = asset;
    if (action === "patch") {
      const body = { attributes: attrs };
      return this.#step("attributes", path, 0, () =>
        this.#client.call(UpdateHostedAsset, { groupId, appId, path, body }, { signal }),
      );
    }
    this.#bytesTotal += asset.size;
    const meta = { path, hash: asset.hash, size: asset.size, appId, attrs };
    const source = ready ?? (bytes ? heldSource([bytes], asset) : fileSource(asset.file, asset));
    return this.#step("upload", path, asset.size, () =>
      sendUpload(this.#client, { groupId, meta, source, signal }),
    );
  }

  /** Every file has been compared: `paths` are to be deleted, and the totals are final. */
  planDeletions(paths: readonly string[]): void {
    this.#deletions = paths;
    this.#total += paths.length;
    this.#final = true;
  }

  /** Whether `planDeletions` has been called. */
  get planned(): boolean {
    return this.#final;
  }

  /** Every upload and patch has been answered: sends the planned deletions, then sorts `applied`. */
  async remove(): Promise<void> {
    const { groupId, appId, signal, concurrency } = this.#options;
    const remove = (path: string) =>
      this.#client
        .call(DeleteHostedAsset, { groupId, appId, path }, { signal })
        .catch((error: unknown) => {
          if (!(error instanceof AdminApiError && error.status === 404)) throw error;
        });
    await runPool(
      this.#deletions,
      concurrency,
      (path) => this.#step("delete", path, 0, () => remove(path)),
      signal,
    );
    for (const list of [this.applied.uploaded, this.applied.attrsUpdated, this.applied.deleted])
      list.sort();
  }

  async #step(
    operation: SyncOperation,
    path: string,
    bytes: number,
    send: () => Promise<unknown>,
  ): Promise<void> {
    const { dryRun, signal, onStep } = this.#options;
    if (dryRun) return record(this.applied, operation, path);
    try {
      await this.#turn(send);
      record(this.applied, operation, path);
    } catch (error) {
      if (signal?.aborted) throw error;
      this.applied.failed.push({ path, operation, error });
    }
    this.#bytesDone += bytes;
    onStep?.({
      path,
      done: ++this.#done,
      total: this.#total,
      bytesDone: this.#bytesDone,
      bytesTotal: this.#bytesTotal,
      totalsFinal: this.#final,
    });
  }
}

function record(applied: Applied, operation: SyncOperation, path: string): void {
  if (operation === "upload") applied.uploaded.push(path);
  else if (operation === "attributes") applied.attrsUpdated.push(path);
  else applied.deleted.push(path);
}
