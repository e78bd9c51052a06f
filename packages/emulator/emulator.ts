import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { registerAppLevelRoutes, setHosting } from "./app-routes.js";
import { registerConfigRoutes } from "./config-routes.js";
import { registerDependencyRoutes } from "./dependencies.js";
import type { DeploymentTiming } from "./deploy-state.js";
import { registerAppRoutes, registerProjectRoutes } from "./apps.js";
import { createControl, type EmulatorControl } from "./control.js";
import { registerDeployRoutes } from "./drafts.js";
import { Faults } from "./faults.js";
import { registerFunctionRoutes, type FunctionStub } from "./function-routes.js";
import { registerHostingRoutes } from "./hosting.js";
import { serveHostedFile } from "./hosted-files.js";
import { isObjectId, newObjectId, randomLetters } from "./ids.js";
import { seedLogs, type LogSeedOptions } from "./log-seed.js";
import { registerLogRoutes } from "./logs.js";
import { loadOperationSchemas, type OperationSchemasDocument } from "./operation-schemas.js";
import { handleRequest } from "./pipeline.js";
import { RequestLog } from "./request-log.js";
import { registerModelRoutes } from "./resource-model-routes.js";
import type { ResourceContext } from "./resource-routes.js";
import { Router } from "./router.js";
import { registryFor } from "./schema-registry.js";
import { registerSessionRoutes, type Credentials, type SessionCounters } from "./sessions.js";
import { EmulatorState } from "./state.js";
import { TokenStore } from "./tokens.js";
import { registerUserRoutes, userHooks } from "./users.js";
import { registerValueRoutes } from "./values.js";

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
  /** Access-token lifetime in seconds (default 1800). */
  accessTokenTtlSeconds?: number;
  /** Refresh-token lifetime in seconds (default 60 days). */
  refreshTokenTtlSeconds?: number;
  /** The seeded app's logs (default 3000 entries). */
  logs?: LogSeedOptions;
  /** Largest request body accepted, in bytes (default 16 MiB). */
  maxBodyBytes?: number;
  /**
   * Per-operation schemas for validation and the generic layer: a path or a loaded document
   * (default `generated/operation-schemas.json`; false: none, hand-written routes only).
   */
  operationSchemas?: string | OperationSchemasDocument | false;
  /**
   * How long a deployment stays `created`, then `pending` (default 50 ms and 150 ms). Statuses
   * follow time, never reads: two reads at the same moment agree.
   */
  deploymentTiming?: Partial<DeploymentTiming>;
  /** How long uploaded dependencies stay `created` before they are `successful` (default 500 ms). */
  dependencyInstallMs?: number;
  /** The clock deployments advance by (default `Date.now`); give a test's fake clock to step it. */
  clock?: { now(): number };
  /**
   * Check every JSON response against the operation's response schema and record mismatches in
   * `control.responseProblems()` (default false; the emulator's own test suites turn it on).
   */
  checkResponses?: boolean;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL including `/api/admin/v3.0`. */
  url: string;
  credentials: Credentials;
  groupId: string;
  appId: string;
  control: EmulatorControl;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

/** The path every Admin API v3.0 route lives under. */
export const API_BASE_PATH = "/api/admin/v3.0";

/**
 * Starts a stateful, in-memory emulator of the App Services Admin API v3.0 on 127.0.0.1: a seeded
 * project with one app, its logs, hosting, drafts and deployments, Values, and every other spec
 * operation answered from the operation schemas.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const groupId = checkId(options.groupId, "groupId");
  const appId = checkId(options.appId, "appId");
  const credentials = options.credentials ?? {
    publicKey: randomLetters(8),
    privateKey: randomUUID(),
  };
  const ttl = positive(options.accessTokenTtlSeconds ?? 1800, "accessTokenTtlSeconds");
  const refreshTtl = positive(
    options.refreshTokenTtlSeconds ?? 60 * 24 * 3600,
    "refreshTokenTtlSeconds",
  );
  const bodyLimit = positive(options.maxBodyBytes ?? 16 * 1024 * 1024, "maxBodyBytes");
  const doc =
    options.operationSchemas === false ? undefined : loadOperationSchemas(options.operationSchemas);
  const registry = doc && registryFor(doc);

  const timing = {
    createdMs: nonNegative(options.deploymentTiming?.createdMs ?? 50, "deploymentTiming.createdMs"),
    pendingMs: nonNegative(
      options.deploymentTiming?.pendingMs ?? 150,
      "deploymentTiming.pendingMs",
    ),
  };
  const clock = options.clock;
  const state = new EmulatorState(
    groupId,
    newObjectId(),
    clock ? () => clock.now() : Date.now,
    timing,
  );
  const seeded = state.addApp({ name: options.appName ?? "myapp" }, appId);
  // The seeded app stands for an app in use (it has logs), so its hosting is set up; an app
  // created through the API starts with hosting disabled, as a real new app does.
  setHosting(seeded, true);
  seedLogs(
    seeded.logs,
    { groupId, appId, clientAppId: seeded.app.client_app_id, domainId: seeded.app.domain_id },
    options.logs,
  );

  const tokens = new TokenStore(ttl * 1000, refreshTtl * 1000);
  const sessions: SessionCounters = { logins: 0, failedLogins: 0, refreshes: 0, logouts: 0 };
  const router = new Router();
  const stubs = new Map<string, FunctionStub>();
  const rc: ResourceContext = { router, state, registry, hooks: userHooks };
  registerSessionRoutes(router, state, tokens, credentials, sessions);
  registerAppRoutes(router, state);
  registerProjectRoutes(router, state);
  registerLogRoutes(router, state);
  registerHostingRoutes(router, state, bodyLimit);
  registerDeployRoutes(router, state);
  registerValueRoutes(router, state);
  registerUserRoutes(rc);
  registerFunctionRoutes(rc, stubs);
  registerAppLevelRoutes(rc);
  registerConfigRoutes(rc);
  registerDependencyRoutes(
    rc,
    nonNegative(options.dependencyInstallMs ?? 500, "dependencyInstallMs"),
  );
  const coverage = registry && registerModelRoutes(rc);

  const responseProblems: string[] = [];
  const faults = new Faults();
  const log = new RequestLog();
  const pipeline = {
    basePath: API_BASE_PATH,
    router,
    tokens,
    faults,
    log,
    registry,
    bodyLimit,
    responseProblems: options.checkResponses ? responseProblems : undefined,
    outside: (path: string) =>
      // realm-cli status.go: `GET /api/private/v1.0/version` answering 200 means the server is up.
      path === "/api/private/v1.0/version"
        ? { status: 200, body: { emulator: true } }
        : serveHostedFile(state, path),
  };
  // handleRequest answers every failure itself; this catch is for a reply that cannot be written.
  const server = createServer(
    (req, res) => void handleRequest(pipeline, req, res).catch(() => res.destroy()),
  );
  // A malformed HTTP request must not take the server down: answer 400 and close.
  server.on("clientError", (_error, socket) => {
    if (socket.writable)
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":"malformed HTTP request","error_code":"BadRequest"}',
      );
    else socket.destroy();
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;

  return {
    url: state.origin + API_BASE_PATH,
    credentials,
    groupId,
    appId,
    control: createControl({
      state,
      seededAppId: appId,
      tokens,
      faults,
      log,
      sessions,
      coverage,
      stubs,
      responseProblems,
    }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function checkId(value: string | undefined, name: string): string {
  if (value === undefined) return newObjectId();
  if (!isObjectId(value))
    throw new Error(`startEmulator: ${name} must be a 24-hex ObjectId, got '${value}'`);
  return value.toLowerCase();
}

function nonNegative(value: number, name: string): number {
  if (!(Number.isFinite(value) && value >= 0) && value !== Infinity)
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
