import { randomUUID } from "node:crypto";
import { DEFAULT_DEPLOYMENT_TIMING, type DeploymentTiming } from "./deploy-state.js";
import { isObjectId, newObjectId, randomLetters } from "./ids.js";
import type { LogSeedOptions } from "./log-seed.js";
import type { OperationSchemasDocument } from "./operation-schemas.js";
import { checkProjects, type ProjectSeed } from "./projects.js";
import type { Credentials } from "./sessions.js";

/** Options of `startEmulator`; every one has a default. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** The API key pair to accept (default: random per start). */
  credentials?: Credentials;
  /** 24-hex ids of the seeded project and app (default: random). */
  groupId?: string;
  appId?: string;
  /** Name of the seeded app (default "myapp"); its client App ID is `<name>-xxxxx`. */
  appName?: string;
  /**
   * Projects besides the seeded one, each with its apps, all reached by the one key: the profile
   * has a role per project and every per-project route answers for each (default none). Their
   * apps start as a new app does: no logs, hosting disabled.
   */
  projects?: ProjectSeed[];
  /** Access-token lifetime in seconds (default 1800). */
  accessTokenTtlSeconds?: number;
  /** Refresh-token lifetime in seconds (default 60 days). */
  refreshTokenTtlSeconds?: number;
  /** The seeded app's logs (default 3000 entries). */
  logs?: LogSeedOptions;
  /** Largest request body accepted, in bytes (default 16 MiB). */
  maxBodyBytes?: number;
  /**
   * Per-operation schemas for validation and the resource model: a path or a loaded document
   * (default: the package's own copy of the repaired spec's `operation-schemas.json`; false:
   * none, hand-written routes only).
   */
  operationSchemas?: string | OperationSchemasDocument | false;
  /**
   * How long a deployment stays `created`, then `pending` (default 50 ms and 150 ms). Statuses
   * follow time, never reads: two reads at the same moment agree.
   */
  deploymentTiming?: Partial<DeploymentTiming>;
  /**
   * How long uploaded dependencies stay `created` before they are `successful` (or `failed`, see
   * `control.failNextDependencyInstall`) (default 500 ms).
   */
  dependencyInstallMs?: number;
  /**
   * The one clock (epoch ms, default `Date.now`) of every time the emulator hands out or judges
   * by: token expiry, deployments, install status, `last_modified`, the logs' newest entry, the
   * seconds in ObjectIds (later ids sort later while the clock does not run backwards). Give a
   * test's fake clock to step it.
   */
  clock?: { now(): number };
  /**
   * Check every JSON response against the operation's response schema and record mismatches in
   * `control.responseProblems()` (default false; the emulator's own test suites turn it on).
   */
  checkResponses?: boolean;
}

/** The options with their defaults filled in and checked. */
export interface ResolvedOptions {
  groupId: string;
  appId: string;
  /** The extra projects, checked; ids not given are filled in when seeding. */
  projects: ProjectSeed[];
  credentials: Credentials;
  accessTtlMs: number;
  refreshTtlMs: number;
  bodyLimit: number;
  deploymentTiming: DeploymentTiming;
  dependencyInstallMs: number;
  now: () => number;
}

/** Fills in defaults and refuses a bad value, naming the option. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const clock = options.clock;
  const timing = options.deploymentTiming;
  const now = clock ? () => clock.now() : Date.now;
  const groupId = checkId(options.groupId, "groupId", now);
  const appId = checkId(options.appId, "appId", now);
  return {
    groupId,
    appId,
    projects: checkProjects(options.projects, { groupId, appId }),
    credentials: options.credentials ?? { publicKey: randomLetters(8), privateKey: randomUUID() },
    accessTtlMs: positive(options.accessTokenTtlSeconds ?? 1800, "accessTokenTtlSeconds") * 1000,
    refreshTtlMs:
      positive(options.refreshTokenTtlSeconds ?? 60 * 24 * 3600, "refreshTokenTtlSeconds") * 1000,
    bodyLimit: positive(options.maxBodyBytes ?? 16 * 1024 * 1024, "maxBodyBytes"),
    deploymentTiming: {
      createdMs: nonNegative(
        timing?.createdMs ?? DEFAULT_DEPLOYMENT_TIMING.createdMs,
        "deploymentTiming.createdMs",
      ),
      pendingMs: nonNegative(
        timing?.pendingMs ?? DEFAULT_DEPLOYMENT_TIMING.pendingMs,
        "deploymentTiming.pendingMs",
      ),
    },
    dependencyInstallMs: nonNegative(options.dependencyInstallMs ?? 500, "dependencyInstallMs"),
    now,
  };
}

function checkId(value: string | undefined, name: string, now: () => number): string {
  if (value === undefined) return newObjectId(now());
  if (!isObjectId(value))
    throw new Error(`startEmulator: ${name} must be a 24-hex ObjectId, got '${value}'`);
  return value.toLowerCase();
}

function nonNegative(value: number, name: string): number {
  if (!(value >= 0))
    throw new Error(
      `startEmulator: ${name} must be a non-negative number of milliseconds, got ${value}`,
    );
  return value;
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`startEmulator: ${name} must be a positive number, got ${value}`);
  return value;
}
