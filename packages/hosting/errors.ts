import { AdminError } from "../core/errors.js";

/**
 * The folder given to `syncHosting` cannot be synced safely: it does not exist, or a symlink in it
 * leads outside it, dangles or loops. Thrown before anything is sent.
 */
export class HostingPathError extends AdminError {
  static override readonly name: string = "HostingPathError";
}

/** What a sync was doing to a path when it failed. */
export type SyncOperation = "upload" | "attributes" | "delete" | "invalidateCache";

/** One path a sync could not bring in line; the others went ahead. */
export interface SyncFailure {
  /** Resource path (`/*` for the cache invalidation). */
  path: string;
  operation: SyncOperation;
  /** Why: usually an `AdminApiError` or `AdminConnectionError`, or a file-system error. */
  error: unknown;
}

/**
 * Upload content differed from what was hashed (a file edited between the hash and the send, or
 * a source whose reads disagree). The upload is never completed: a small body is refused before
 * sending, a streamed one is cut before its closing boundary, so the server stores nothing.
 */
export class AssetChangedError extends AdminError {
  static override readonly name: string = "AssetChangedError";
  /** Resource path of the asset. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}
