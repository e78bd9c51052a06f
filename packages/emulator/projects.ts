import { isObjectId } from "./ids.js";

/** An app seeded in a project of `EmulatorOptions.projects`. */
export interface AppSeed {
  /** The app's name: a letter, then letters, digits, `_`, `-`; at most 32 characters. */
  name: string;
  /** Its client App ID (default `<name lower-cased>-<5 random letters>`). */
  clientAppId?: string;
  /** Its 24-hex `_id` (default: a fresh one). */
  appId?: string;
}

/** A project besides the seeded one, reachable by the same key, with its apps. */
export interface ProjectSeed {
  /** The project's 24-hex id (default: a fresh one). */
  groupId?: string;
  /** Its apps (default none). */
  apps?: AppSeed[];
}

/** A project as the emulator seeded it: what `RunningEmulator.projects` lists. */
export interface SeededProject {
  groupId: string;
  apps: { appId: string; name: string; clientAppId: string }[];
}

/** The API's rule for an app's name (adminCreateApplication). */
export const APP_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A client App ID as the server makes them: lower-case, safe in a URL path. */
const CLIENT_APP_ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Checks the extra projects before anything is seeded, naming the option's index: a bad or
 * repeated id, a bad name, two apps of one project with one name (the API's 409), two apps with
 * one client App ID (it names one app everywhere). Ids are lower-cased, as the seeded ones are.
 */
export function checkProjects(
  projects: readonly ProjectSeed[] | undefined,
  seeded: { groupId: string; appId: string },
): ProjectSeed[] {
  if (projects === undefined) return [];
  if (!Array.isArray(projects))
    throw new Error("startEmulator: projects must be an array of { groupId?, apps? }");
  const groups = new Set([seeded.groupId]);
  const appIds = new Set([seeded.appId]);
  const clientIds = new Set<string>();
  return projects.map((project, p) => {
    const where = `projects[${p}]`;
    if (typeof project !== "object" || project === null)
      throw new Error(`startEmulator: ${where} must be an object { groupId?, apps? }`);
    const groupId = id(project.groupId, `${where}.groupId`);
    if (groupId !== undefined) {
      if (groups.has(groupId))
        throw new Error(`startEmulator: ${where}.groupId '${groupId}' is already a project's id`);
      groups.add(groupId);
    }
    if (project.apps !== undefined && !Array.isArray(project.apps))
      throw new Error(`startEmulator: ${where}.apps must be an array of { name, ... }`);
    const names = new Set<string>();
    const seeds: AppSeed[] = project.apps ?? [];
    const apps = seeds.map((app, a) => {
      const at = `${where}.apps[${a}]`;
      if (typeof app !== "object" || app === null)
        throw new Error(`startEmulator: ${at} must be an object { name, clientAppId?, appId? }`);
      if (typeof app.name !== "string" || !APP_NAME.test(app.name) || app.name.length > 32)
        throw new Error(
          `startEmulator: ${at}.name must start with a letter and hold only ASCII letters, digits, '_' and '-' (at most 32), got ${JSON.stringify(app.name)}`,
        );
      if (names.has(app.name))
        throw new Error(`startEmulator: ${at}.name '${app.name}' is already an app of ${where}`);
      names.add(app.name);
      const appId = id(app.appId, `${at}.appId`);
      if (appId !== undefined) {
        if (appIds.has(appId))
          throw new Error(`startEmulator: ${at}.appId '${appId}' is already an app's id`);
        appIds.add(appId);
      }
      const clientAppId = app.clientAppId;
      if (clientAppId !== undefined) {
        if (typeof clientAppId !== "string" || !CLIENT_APP_ID.test(clientAppId))
          throw new Error(
            `startEmulator: ${at}.clientAppId must be lower-case letters, digits, '_' and '-', got ${JSON.stringify(clientAppId)}`,
          );
        if (clientIds.has(clientAppId))
          throw new Error(
            `startEmulator: ${at}.clientAppId '${clientAppId}' is already another app's`,
          );
        clientIds.add(clientAppId);
      }
      return { name: app.name, clientAppId, appId };
    });
    return { groupId, apps };
  });
}

function id(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isObjectId(value))
    throw new Error(
      `startEmulator: ${name} must be a 24-hex ObjectId, got ${JSON.stringify(value)}`,
    );
  return value.toLowerCase();
}

/**
 * The projects of `--project` flags (`npm run emulator`, `appservices-admin emulator`): each value
 * is one more project the key reaches, with the apps it lists (`shop,admin:admin-abcde`: a name,
 * or a name and its client App ID; "" for none), checked as `startEmulator` checks the option.
 * A bad one throws a `TypeError` naming the flag (`--project #2, apps[1].name …`).
 */
export function projectFlags(values: readonly string[]): ProjectSeed[] {
  const seeds = values.map((value, i) => ({
    apps: (value === "" ? [] : value.split(",")).map((app) => {
      const [name, clientAppId, rest] = app.split(":");
      if (!name || rest !== undefined || clientAppId === "")
        throw new TypeError(
          `--project #${i + 1} must list app names, each optionally ':<client_app_id>', separated by ',', got '${value}'`,
        );
      return clientAppId === undefined ? { name } : { name, clientAppId };
    }),
  }));
  try {
    checkProjects(seeds, { groupId: "", appId: "" });
  } catch (error) {
    // projects[i] is the (i+1)th flag: say it in the flag's terms.
    throw new TypeError(
      (error as Error).message
        .replace("startEmulator: ", "")
        .replace(/projects\[(\d+)\](\.?)/g, (_, i: string, dot: string) =>
          dot ? `--project #${Number(i) + 1}, ` : `--project #${Number(i) + 1}`,
        ),
    );
  }
  return seeds;
}
