import type { Command } from "commander";
import type { AdminClient } from "appservices-admin";
import { APP_PRODUCTS, AppNotFoundError, isObjectId, type FoundApp } from "appservices-admin";
import { ChoiceError, firstChoices } from "./choices.js";
import { UsageError } from "./exit-codes.js";
import { listed } from "./listed.js";
import type { CliIo } from "./io.js";
import { ENV, openClient, type ConnectionFlags } from "./open-client.js";
import type { CliFetch } from "./proxy.js";
import { DEFAULT_PROFILE, PROFILE_ENV } from "./profile-store.js";

export type { ConnectionFlags };

/** Adds the credential, project and app flags (each with its environment variable) to a command. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option("--public-key <key>", `API public key (default $${ENV.publicKey})`)
    .option(
      "--private-key <key>",
      `API private key (default $${ENV.privateKey}; prefer the variable: arguments show in ps)`,
    )
    .option("--group-id <id>", `Atlas project id (default $${ENV.groupId})`)
    .option("--project <id>", "same as --group-id (the official CLI's name)")
    .option(
      "--app-id <id>",
      `the app's _id, its client_app_id (myapp-abcde, or its start) or its name, looked up (default $${ENV.appId})`,
    )
    .option(
      "-a, --app <app>",
      "same as --app-id (the official CLI's name), but 24 hex digits are an _id only if an app has it, else a name",
    )
    .option(
      "--base-url <url>",
      `Admin API base URL (default $${ENV.baseUrl}, else https://services.cloud.mongodb.com/api/admin/v3.0)`,
    )
    .option(
      "--profile <name>",
      `the saved login to use when no key pair is given (default $${PROFILE_ENV}, else "${DEFAULT_PROFILE}")`,
    )
    .option("--verbose", "debug events (login, refresh, retries) and full error details on stderr");
}

/** A client logged in as the flags, the environment or the saved login say, for one app. */
export interface Connection {
  admin: AdminClient;
  groupId: string;
  /** The app's `_id` (resolved from a client_app_id when one was given). */
  appId: string;
  /** The fetch the client uses (through the environment's proxy, if any), for other downloads. */
  fetch?: CliFetch | undefined;
  /** The API's base URL as set (undefined: the default). */
  baseUrl?: string | undefined;
}

/**
 * A client for one app of one project, from the flags, the environment or the saved login (see
 * `openClient`). The app id may be a client_app_id or, as the official CLI's `--app` allows, the
 * app's name: `findApp` turns it into the `_id` every call needs. With no project in the
 * settings, the app is the one of the login's projects it names (`pickApp`).
 */
export async function connect(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  signal: AbortSignal,
): Promise<Connection> {
  const { admin, groupId, appId, fetch, baseUrl } = await openClient(flags, env, io, {
    appId: true,
  });
  const official = flags.app !== undefined || flags.remote !== undefined;
  if (groupId === undefined) {
    // No project anywhere in the settings: the app is looked for in every project of the
    // login, as the official CLI's `-a` does.
    const found = pickApp(await loginApps(admin, signal), appId!, true, official);
    if (flags.verbose) io.err(`debug: app ${appId} is ${found._id} of project ${found.groupId}\n`);
    return { admin, groupId: found.groupId, appId: found._id, fetch, baseUrl };
  }
  const id = await resolveAppId(admin, groupId, appId!, signal, true, official);
  if (flags.verbose && id !== appId) io.err(`debug: app ${appId} is ${id}\n`);
  return { admin, groupId, appId: id, fetch, baseUrl };
}

/**
 * A client for one project, for the commands that need a project but no app (`apps create`, `api`
 * on a `{groupId}` path). With no project in the settings, the login's one project, as the
 * official CLI's `apps create` takes it; several or none: a usage error.
 */
export async function connectProject(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  signal: AbortSignal,
): Promise<{ admin: AdminClient; groupId: string; baseUrl?: string | undefined }> {
  const { admin, groupId, baseUrl } = await openClient(flags, env, io, { appId: false });
  if (groupId !== undefined) return { admin, groupId, baseUrl };
  const only = onlyProject(await loginProjects(admin, signal));
  if (flags.verbose) io.err(`debug: project ${only}, the only one the login's roles reach\n`);
  return { admin, groupId: only, baseUrl };
}

/**
 * The one project of `groupIds` (the login's), when no project was given. Several: which one is
 * meant cannot be known (the official CLI asks; commands here never do), so they are listed.
 */
export function onlyProject(groupIds: readonly string[]): string {
  if (groupIds.length === 1) return groupIds[0]!;
  const given = `no project was given (--project, --group-id or $${ENV.groupId})`;
  if (groupIds.length === 0) {
    throw new UsageError(`${given}, and the login's roles reach no project`);
  }
  throw new ChoiceError(
    `${given}, and the login's roles reach ${groupIds.length} projects: ${firstChoices(groupIds, ", ")}; pass --project with the one meant`,
    { projects: groupIds },
  );
}

/** An app as the project's lists give it: what `--app` is matched against. */
export type ListedApp = Pick<FoundApp, "_id" | "name" | "client_app_id" | "product">;

/**
 * The `_id` of the app an `_id`, a client_app_id (or, `byPrefix`, its start) or a name stands
 * for (see `findApp`). An `_id`'s shape is taken at its word (no request) unless `idMayBeName`.
 */
export async function resolveAppId(
  admin: AdminClient,
  groupId: string,
  wanted: string,
  signal: AbortSignal,
  byPrefix = true,
  idMayBeName = false,
): Promise<string> {
  if (isObjectId(wanted) && !idMayBeName) return wanted.toLowerCase();
  return findApp(await projectApps(admin, groupId, signal), wanted, groupId, byPrefix)._id;
}

/**
 * `matchApp`, for a value that may also be an `_id` (24 hex digits, which an app's name starting
 * with a-f can be): the app with that `_id`, else the app it names as the official CLI's `--app`
 * does (that flag has no `_id` form). An `_id` and a name cannot collide before ObjectIds' time
 * prefix reaches a-f (2058): the `_id` is taken first.
 */
export function findApp(
  apps: readonly ListedApp[],
  wanted: string,
  groupId: string,
  byPrefix: boolean,
): ListedApp {
  const id = wanted.toLowerCase();
  const byId = isObjectId(wanted) ? apps.find((app) => app._id === id) : undefined;
  return byId ?? matchApp(apps, wanted, groupId, byPrefix);
}

/**
 * Every app of the project, of every product type (the API lists one type per request), once
 * each: what `--app` is looked for in, as the official CLI's lookup does.
 */
export async function projectApps(
  admin: AdminClient,
  groupId: string,
  signal: AbortSignal,
): Promise<ListedApp[]> {
  const lists = await Promise.all(
    APP_PRODUCTS.map((product) =>
      admin.apps
        .listApplications({ groupId, product }, { signal })
        .then((list) => listed(list, "apps")),
    ),
  );
  const byId = new Map<string, ListedApp>();
  for (const app of lists.flat()) {
    if (typeof app._id === "string" && !byId.has(app._id)) byId.set(app._id, app as ListedApp);
  }
  return [...byId.values()];
}

/**
 * The app `wanted` names among `apps`. First exactly: its client_app_id (in any case: the official
 * CLI lower-cases what it is given) or its name. A value that is one app's client_app_id and
 * another's name, or the name of several apps, is refused: which one was meant cannot be known.
 * Then, with `byPrefix`, as the official CLI's `--app` does: the one app whose client_app_id starts
 * with it (a name in any case starts its app's client_app_id); where several do, the official CLI
 * asks which, and this refuses and lists them. `apps delete -a` matches exactly only, as the
 * official one does.
 */
export function matchApp(
  apps: readonly ListedApp[],
  wanted: string,
  groupId: string,
  byPrefix: boolean,
): ListedApp {
  const { rule, found } = matching(apps, wanted, byPrefix);
  if (found.length === 1) return found[0]!;
  if (found.length > 1 && rule === "exact") {
    throw new ChoiceError(
      `app "${wanted}" names ${found.length} apps (as a client_app_id or a name): ${describeApps(found)}; give the _id of the one meant`,
      appChoices(found, groupId),
    );
  }
  if (found.length > 1) {
    throw new ChoiceError(
      `app "${wanted}" starts the client_app_id of ${found.length} apps: ${describeApps(found)}; give the whole client_app_id or the _id`,
      appChoices(found, groupId),
    );
  }
  throw new AppNotFoundError(
    groupId,
    `client_app_id or name "${wanted}"`,
    apps.map(({ _id, name, client_app_id, product }) => ({ _id, name, client_app_id, product })),
  );
}

/**
 * The apps `wanted` names by the first of `matchApp`'s rules any app meets: exactly (a
 * client_app_id in any case, or a name), else, `byPrefix`, a client_app_id's start.
 */
function matching<T extends ListedApp>(
  apps: readonly T[],
  wanted: string,
  byPrefix: boolean,
): { rule: "exact" | "start"; found: T[] } {
  const lower = wanted.toLowerCase();
  const clientAppId = (app: ListedApp) => (app.client_app_id ?? "").toLowerCase();
  const exact = apps.filter((app) => clientAppId(app) === lower || app.name === wanted);
  if (exact.length > 0 || !byPrefix) return { rule: "exact", found: exact };
  return { rule: "start", found: apps.filter((app) => clientAppId(app).startsWith(lower)) };
}

/** An app of one of the login's projects. */
export type ProjectApp = ListedApp & { groupId: string };

/** What `loginApps` found: the projects it looked in and their apps. */
export interface LoginApps {
  groupIds: string[];
  apps: ProjectApp[];
}

/** The projects the login's roles reach, each once (what `whoami --show-projects` lists). */
export async function loginProjects(admin: AdminClient, signal: AbortSignal): Promise<string[]> {
  const me = await admin.admin.getAdminProfile(undefined, { signal });
  const ids = (me.roles ?? []).map((role) => role.group_id?.toLowerCase());
  // Each goes into a request path: only what an Atlas project id can be.
  return [...new Set(ids.filter((id): id is string => id !== undefined && isObjectId(id)))];
}

/** Every app of every project of the login (see `projectApps`), with its project. */
export async function loginApps(admin: AdminClient, signal: AbortSignal): Promise<LoginApps> {
  const groupIds = await loginProjects(admin, signal);
  const lists = await perProject(groupIds, (groupId) =>
    projectApps(admin, groupId, signal).then((apps) => apps.map((app) => ({ ...app, groupId }))),
  );
  return { groupIds, apps: lists.flat() };
}

/** How many projects are asked about at once (each with one request per product type). */
export const PROJECTS_AT_ONCE = 4;

/**
 * `work` for each project, `PROJECTS_AT_ONCE` at a time, the results in the projects' order: a
 * login that reaches 50 projects has 16 lists in flight, not 200 (the official CLI asks one by
 * one). The first failure is thrown, and no project is started after it.
 */
export async function perProject<T>(
  groupIds: readonly string[],
  work: (groupId: string) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < groupIds.length) {
      const at = next++;
      try {
        results[at] = await work(groupIds[at]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROJECTS_AT_ONCE, groupIds.length) }, lane));
  return results;
}

/**
 * The one app of the login's projects that `wanted` names, by `findApp`'s rules (an `_id`'s
 * shape is only an `_id` unless `idMayBeName`). None or several: a usage error naming the
 * projects looked in, or listing the apps with their projects, since only `--project` (or the
 * `_id`) can say which was meant.
 */
export function pickApp(
  { groupIds, apps }: LoginApps,
  wanted: string,
  byPrefix: boolean,
  idMayBeName: boolean,
): ProjectApp {
  const id = wanted.toLowerCase();
  const byId = isObjectId(wanted) ? apps.filter((app) => app._id === id) : [];
  const found =
    byId.length > 0 || (isObjectId(wanted) && !idMayBeName)
      ? byId
      : matching(apps, wanted, byPrefix).found;
  if (found.length === 1) return found[0]!;
  const projects = groupIds.length === 1 ? `project ${groupIds[0]}` : `${groupIds.length} projects`;
  if (found.length === 0) {
    const what =
      isObjectId(wanted) && !idMayBeName
        ? "_id"
        : byPrefix
          ? "client_app_id (or its start) or name"
          : "client_app_id or name";
    const where =
      groupIds.length === 0
        ? "the login's roles reach no project"
        : `none of the ${apps.length} apps of the login's ${projects}${groupIds.length > 1 ? ` (${firstChoices(groupIds, ", ")})` : ""} has it`;
    throw new UsageError(
      `no app with ${what} "${wanted}": no project was given (--project, --group-id or $${ENV.groupId}), and ${where}`,
    );
  }
  const listedApps = found.map(
    (app) =>
      `project ${app.groupId}: ${app.name ?? "?"} (client_app_id ${app.client_app_id ?? "?"}, _id ${app._id})`,
  );
  throw new ChoiceError(
    `app "${wanted}" matches ${found.length} apps of the login's ${projects}: ${firstChoices(listedApps, "; ")}; pass --project with the project meant (or the app's _id)`,
    { apps: found.map((app) => appChoice(app, app.groupId)) },
  );
}

/** The apps a name matched in one project, as `--json` prints them all. */
function appChoices(apps: readonly ListedApp[], groupId: string): Record<string, unknown> {
  return { apps: apps.map((app) => appChoice(app, groupId)) };
}

/** An app to choose from, named as `apps list --json` names its fields. */
function appChoice(app: ListedApp, groupId: string): Record<string, unknown> {
  const { _id, client_app_id, name, product } = app;
  return { _id, client_app_id, name, product, group_id: groupId };
}

function describeApps(apps: readonly ListedApp[]): string {
  return firstChoices(
    apps.map(
      (app) => `${app.name ?? "?"} (client_app_id ${app.client_app_id ?? "?"}, _id ${app._id})`,
    ),
    ", ",
  );
}
