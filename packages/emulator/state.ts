import { DEFAULT_DEPLOYMENT_TIMING, DeployState, type DeploymentTiming } from "./deploy-state.js";
import { HttpError, notFound } from "./http.js";
import { HostingStore } from "./hosting-store.js";
import { newObjectId, randomLetters } from "./ids.js";
import { LogStore } from "./log-store.js";
import { seedNewApp } from "./app-defaults.js";
import { ResourceStore } from "./resource-store.js";

/** Products the real API lists separately (`?product=`). */
export const PRODUCTS = ["standard", "atlas", "data-api", "device-sync"] as const;

/** An app as the API returns it (`AppInstance`). */
export interface AppRecord {
  _id: string;
  client_app_id: string;
  name: string;
  group_id: string;
  domain_id: string;
  location: string;
  deployment_model: string;
  provider_region: string;
  product: string;
  environment?: string;
  template_id?: string;
  last_used: number;
  last_modified: number;
}

/** Everything the emulator holds for one app. */
export interface AppState {
  app: AppRecord;
  logs: LogStore;
  hosting: HostingStore;
  /** Every configuration resource (functions, values, services, ...) and setting of the app. */
  store: ResourceStore;
  deploy: DeployState;
  /** The emulator's one clock (epoch ms): every time the app hands out is read from it. */
  now: () => number;
}

/** The emulated projects, their admin user, and their apps. */
export class EmulatorState {
  /** Every app of every project, by `_id` (an `_id` is unique across projects, as on the server). */
  readonly apps = new Map<string, AppState>();
  /** The projects the key's roles reach: the seeded one first. */
  readonly groupIds: readonly string[];
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  origin = "";
  readonly #deploymentFailures: string[] = [];
  readonly #dependencyFailures: string[] = [];

  constructor(
    readonly groupId: string,
    readonly userId: string,
    /** The one clock (epoch ms) of every time the emulator hands out or judges by. */
    readonly now: () => number = Date.now,
    readonly deploymentTiming: DeploymentTiming = DEFAULT_DEPLOYMENT_TIMING,
    /** Projects besides `groupId` that the same key reaches. */
    otherGroupIds: readonly string[] = [],
  ) {
    this.groupIds = [groupId, ...otherGroupIds];
  }

  /**
   * Throws a 404 for a project the key has no role for. Guessed: no source shows what the real
   * server answers for a project the caller cannot access (README "Where it guesses").
   */
  requireGroup(groupId: string): void {
    if (!this.groupIds.includes(groupId))
      throw new HttpError(404, `group '${groupId}' not found`, "GroupNotFound");
  }

  /** The app under `groupId`, or a 404 (an app of another project is not found there either). */
  requireApp(groupId: string, appId: string): AppState {
    this.requireGroup(groupId);
    const app = this.apps.get(appId);
    if (!app || app.app.group_id !== groupId) throw notFound(`app '${appId}'`, "AppNotFound");
    return app;
  }

  /** The apps of one project, in the order they were added. */
  appsOf(groupId: string): AppState[] {
    return [...this.apps.values()].filter((a) => a.app.group_id === groupId);
  }

  /** Adds an app to a project (default the seeded one), with an `_id` given or fresh. */
  addApp(
    fields: Partial<AppRecord> & { name: string },
    id: string = newObjectId(this.now()),
    groupId: string = this.groupId,
  ): AppState {
    const now = Math.floor(this.now() / 1000);
    const app: AppRecord = {
      _id: id,
      client_app_id: `${fields.name.toLowerCase()}-${randomLetters(5)}`,
      group_id: groupId,
      domain_id: newObjectId(this.now()),
      location: "US-VA",
      deployment_model: "GLOBAL",
      provider_region: "aws-us-east-1",
      product: "standard",
      last_used: now,
      last_modified: now,
      ...fields,
    };
    const state: AppState = {
      app,
      logs: new LogStore(),
      hosting: new HostingStore(this.now),
      store: new ResourceStore(this.now),
      deploy: new DeployState(this.now, this.deploymentTiming),
      now: this.now,
    };
    seedNewApp(state.store);
    this.apps.set(id, state);
    return state;
  }

  /** Makes the next deployment (of any app) end `failed` with this message. */
  failNextDeployment(message: string): void {
    this.#deploymentFailures.push(message);
  }

  /** The failure queued for the deployment being created, if any. */
  takeDeploymentFailure(): string | undefined {
    return this.#deploymentFailures.shift();
  }

  /** Makes the next dependencies upload (of any app) end its installation `failed` with this message. */
  failNextDependencyInstall(message: string): void {
    this.#dependencyFailures.push(message);
  }

  /** The failure queued for the dependencies upload being taken, if any. */
  takeDependencyFailure(): string | undefined {
    return this.#dependencyFailures.shift();
  }
}
