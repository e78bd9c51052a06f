import type { Asset } from "./hosting-store.js";
import type { StoreSnapshot } from "./resource-store.js";

/** A deployment draft: one per user per app, with the whole app as it was when it was opened. */
export interface Draft {
  _id: string;
  user_id: string;
  /** Every resource, setting, hosted file and the environment tag at draft creation. */
  snapshot: AppSnapshot;
}

/** The whole of an app's changeable state. */
export interface AppSnapshot {
  store: StoreSnapshot;
  hosting: Map<string, Asset>;
  environment: string | undefined;
}

/** Deployment statuses in the order the real API reports them. */
export type DeploymentStatus = "created" | "pending" | "successful" | "failed";

/** How long a deployment stays `created`, then `pending`, before it ends (milliseconds). */
export interface DeploymentTiming {
  createdMs: number;
  pendingMs: number;
}

/**
 * Fast enough for tests, slow enough to be seen: the SDK's first poll (100 ms) sees `pending`, its
 * second (300 ms) sees the end, with 50 ms and 100 ms to spare.
 */
export const DEFAULT_DEPLOYMENT_TIMING: DeploymentTiming = { createdMs: 50, pendingMs: 150 };

/** A deployment record, shaped like the spec's `Deployment`, and when it started. */
export interface DeploymentRecord {
  _id: string;
  name: string;
  app_id: string;
  draft_id?: string;
  user_id: string;
  deployed_at: number;
  origin: string;
  remote_location: string;
  /** Emulator clock milliseconds when it was created. */
  startedMs: number;
  /** Set when the control surface asked for this deployment to fail. */
  failWith?: string;
}

/** Drafts and deployments of one app; statuses follow the clock, never the number of reads. */
export class DeployState {
  readonly drafts = new Map<string, Draft>();
  /** Newest first. */
  readonly deployments: DeploymentRecord[] = [];

  constructor(
    private readonly now: () => number,
    private readonly timing: DeploymentTiming,
  ) {}

  /** The API shape of a deployment at this moment. */
  view(record: DeploymentRecord): Record<string, unknown> {
    const { startedMs: _started, failWith, ...shown } = record;
    const elapsed = this.now() - record.startedMs;
    const { createdMs, pendingMs } = this.timing;
    if (elapsed < createdMs) return { ...shown, status: "created" };
    if (elapsed < createdMs + pendingMs) return { ...shown, status: "pending" };
    if (failWith === undefined) return { ...shown, status: "successful" };
    return { ...shown, status: "failed", status_error_message: failWith };
  }

  /** Whether every deployment has ended (successful or failed). */
  settled(): boolean {
    return this.deployments.every(
      (d) => this.view(d).status !== "created" && this.view(d).status !== "pending",
    );
  }
}
