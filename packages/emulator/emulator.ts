import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { registerAppLevelRoutes, setHosting } from "./app-routes.js";
import { registerConfigRoutes } from "./config-routes.js";
import { registerDependencyRoutes } from "./dependencies.js";
import { resolveOptions, type EmulatorOptions } from "./emulator-options.js";
import { registerAppRoutes, registerProjectRoutes } from "./apps.js";
import { createControl, type EmulatorControl } from "./control.js";
import { registerDeployRoutes } from "./drafts.js";
import { Faults } from "./faults.js";
import { registerFunctionRoutes, type FunctionStub } from "./function-routes.js";
import { registerHostingRoutes } from "./hosting.js";
import { serveHostedFile } from "./hosted-files.js";
import { newObjectId } from "./ids.js";
import { seedLogs } from "./log-seed.js";
import { registerLogRoutes } from "./logs.js";
import { loadOperationSchemas } from "./operation-schemas.js";
import { handleRequest } from "./pipeline.js";
import { RequestLog } from "./request-log.js";
import { accessListHooks } from "./resource-access-list.js";
import { registerModelRoutes } from "./resource-model-routes.js";
import type { ResourceContext } from "./resource-routes.js";
import { Router } from "./router.js";
import { registryFor } from "./schema-registry.js";
import { registerSessionRoutes, type Credentials, type SessionCounters } from "./sessions.js";
import { EmulatorState, type AppState } from "./state.js";
import type { SeededProject } from "./projects.js";
import { TokenStore } from "./tokens.js";
import { registerUserRoutes, userHooks } from "./users.js";
import { registerValueRoutes } from "./values.js";

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL including `/api/admin/v3.0`. */
  url: string;
  credentials: Credentials;
  groupId: string;
  appId: string;
  /**
   * Every project the key reaches, the seeded one (`groupId`, its app `appId`) first, then those
   * of the `projects` option, each with its apps' ids, names and client App IDs.
   */
  projects: SeededProject[];
  control: EmulatorControl;
  /**
   * Closes the server and every open connection, ending the requests in hand (a `setLatency`
   * delay, a body still arriving); resolves once none is left. Calling it again is harmless.
   */
  stop(): Promise<void>;
}

/** The path every Admin API v3.0 route lives under. */
export const API_BASE_PATH = "/api/admin/v3.0";

export type { EmulatorOptions } from "./emulator-options.js";
export type { AppSeed, ProjectSeed, SeededProject } from "./projects.js";

/**
 * Starts a stateful, in-memory emulator of the App Services Admin API v3.0 on 127.0.0.1: a seeded
 * project with one app (its logs, hosting, drafts and deployments) and every collection,
 * configuration object and action the operation schemas describe, answered from state.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const o = resolveOptions(options);
  const { groupId, appId, credentials } = o;
  const doc =
    options.operationSchemas === false ? undefined : loadOperationSchemas(options.operationSchemas);
  const registry = doc && registryFor(doc);
  const extraGroupIds = o.projects.map((p) => p.groupId ?? newObjectId(o.now()));
  const state = new EmulatorState(
    groupId,
    newObjectId(o.now()),
    o.now,
    o.deploymentTiming,
    extraGroupIds,
  );
  const seeded = state.addApp({ name: options.appName ?? "myapp" }, appId);
  const projects: SeededProject[] = [{ groupId, apps: [listed(seeded)] }];
  o.projects.forEach((project, i) => {
    const apps = (project.apps ?? []).map((app) =>
      state.addApp(
        {
          name: app.name,
          ...(app.clientAppId === undefined ? {} : { client_app_id: app.clientAppId }),
        },
        app.appId,
        extraGroupIds[i],
      ),
    );
    projects.push({ groupId: extraGroupIds[i]!, apps: apps.map(listed) });
  });
  // The seeded app stands for an app in use (it has logs), so its hosting is set up; an app
  // created through the API starts with hosting disabled, as a real new app does.
  setHosting(seeded, true);
  seedLogs(
    seeded.logs,
    { groupId, appId, clientAppId: seeded.app.client_app_id, domainId: seeded.app.domain_id },
    { ...options.logs, newest: options.logs?.newest ?? o.now() },
  );

  const tokens = new TokenStore(o.accessTtlMs, o.refreshTtlMs, o.now);
  const sessions: SessionCounters = { logins: 0, failedLogins: 0, refreshes: 0, logouts: 0 };
  const router = new Router();
  const stubs = new Map<string, FunctionStub>();
  const rc: ResourceContext = {
    router,
    state,
    registry,
    hooks: { ...userHooks, ...accessListHooks },
  };
  registerSessionRoutes(router, state, tokens, credentials, sessions);
  registerAppRoutes(router, state);
  registerProjectRoutes(router, state);
  registerLogRoutes(router, state);
  registerHostingRoutes(router, state);
  registerDeployRoutes(router, state);
  registerValueRoutes(router, state);
  registerUserRoutes(rc);
  registerFunctionRoutes(rc, stubs);
  registerAppLevelRoutes(rc);
  registerConfigRoutes(rc);
  registerDependencyRoutes(rc, o.dependencyInstallMs, o.bodyLimit);
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
    bodyLimit: o.bodyLimit,
    responseProblems: options.checkResponses ? responseProblems : undefined,
    outside: (path: string) =>
      // realm-cli status.go: `GET /api/private/v1.0/version` answering 200 means the server is up.
      path === "/api/private/v1.0/version"
        ? { status: 200, body: { emulator: true } }
        : serveHostedFile(state, path),
  };
  // Requests being handled: stop() returns once none is left, so nothing runs on a stopped
  // emulator (a delayed answer, a body still arriving, a handler changing state).
  let running = 0;
  let drained: (() => void) | undefined;
  const done = () => {
    if (--running === 0) drained?.();
  };
  // handleRequest answers every failure itself; the rejection is a reply that cannot be written.
  const server = createServer((req, res) => {
    running++;
    handleRequest(pipeline, req, res).then(done, () => {
      res.destroy();
      done();
    });
  });
  // A malformed HTTP request must not take the server down: answer 400 and close.
  server.on("clientError", (_error, socket) => {
    if (socket.writable)
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":"malformed HTTP request","error_code":"BadRequest"}',
      );
    else socket.destroy();
  });
  let stopped: Promise<void> | undefined;
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;

  return {
    url: state.origin + API_BASE_PATH,
    credentials,
    groupId,
    appId,
    projects,
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
    // Once: a second call (an afterEach and an afterAll) waits for the same close instead of
    // failing with Node's "Server is not running".
    stop: () =>
      (stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else if (running === 0) resolve();
          else drained = resolve;
        });
        // Closing a connection ends what is handled on it (a delay, a body being read).
        server.closeAllConnections();
      })),
  };
}

function listed({ app }: AppState): SeededProject["apps"][number] {
  return { appId: app._id, name: app.name, clientAppId: app.client_app_id };
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
