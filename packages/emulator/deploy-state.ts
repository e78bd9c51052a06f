import type { Asset } from "./hosting-store.js";
import type { StoredValue } from "./values.js";

/** A deployment draft: one per user per app, with what the app looked like when it was opened. */
export interface Draft {
  _id: string;
  user_id: string;
  /** Values and hosted files at draft creation: restored on discard, diffed against on diff. */
  snapshot: { values: Map<string, StoredValue>; hosting: Map<string, Asset> };
}

/** Deployment statuses in the order the real API reports them. */
export type DeploymentStatus = "created" | "pending" | "successful" | "failed";

/** A deployment record, shaped like the spec's `Deployment`. */
export interface DeploymentRecord {
  _id: string;
  name: string;
  app_id: string;
  draft_id?: string;
  user_id: string;
  deployed_at: number;
  origin: string;
  status: DeploymentStatus;
  status_error_message?: string;
  remote_location: string;
  /** Set when the control surface asked for this deployment to fail. */
  failWith?: string;
}

/** Drafts and deployments of one app. */
export class DeployState {
  readonly drafts = new Map<string, Draft>();
  /** Newest first. */
  readonly deployments: DeploymentRecord[] = [];

  /** Advances a deployment one step (`created` -> `pending` -> final) and returns its API shape. */
  observe(record: DeploymentRecord): Record<string, unknown> {
    if (record.status === "created") record.status = "pending";
    else if (record.status === "pending") {
      record.status = record.failWith === undefined ? "successful" : "failed";
      if (record.failWith !== undefined) record.status_error_message = record.failWith;
    }
    return present(record);
  }
}

/** The API shape of a deployment record (without emulator bookkeeping). */
export function present(record: DeploymentRecord): Record<string, unknown> {
  const { failWith: _internal, ...shown } = record;
  return shown;
}
