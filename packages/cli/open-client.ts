import {
  createAdminClient,
  DEFAULT_BASE_URL,
  isObjectId,
  type AdminClient,
  type AdminClientOptions,
  type AdminLogger,
} from "appservices-admin";
import { UsageError } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import {
  DEFAULT_PROFILE,
  PROFILE_ENV,
  ProfileStore,
  profilesPath,
  type Profile,
} from "./profile-store.js";
import { proxyFetch, proxyVariables, type CliFetch } from "./proxy.js";

/** The environment variables the CLI reads, by the flag each one stands in for. */
export const ENV = {
  publicKey: "APPSERVICES_PUBLIC_KEY",
  privateKey: "APPSERVICES_PRIVATE_KEY",
  groupId: "APPSERVICES_GROUP_ID",
  appId: "APPSERVICES_APP_ID",
  baseUrl: "APPSERVICES_BASE_URL",
} as const;

/** The flags every API command takes, as commander parses them. */
export interface ConnectionFlags {
  publicKey?: string;
  privateKey?: string;
  groupId?: string;
  appId?: string;
  /**
   * The official CLI's `-a, --app` and `--remote` (folded into `appId`): there a value is never an
   * `_id`, so one shaped like it may be an app's name.
   */
  app?: string | string[];
  remote?: string;
  baseUrl?: string;
  profile?: string;
  verbose?: boolean;
}

/** Where the session of a client comes from. */
export type SessionSource = "key pair" | "profile";

/** A client, where its session comes from, and the project and app the settings name (if any). */
export interface OpenClient {
  admin: AdminClient;
  source: SessionSource;
  profileName: string;
  store: ProfileStore;
  baseUrl: string | undefined;
  groupId: string | undefined;
  appId: string | undefined;
  /** The fetch the client uses: through the environment's proxy when one is set. */
  fetch: CliFetch | undefined;
}

/**
 * A client from the settings, first found wins: flags, then the environment, then the profile
 * (`--profile`, `$APPSERVICES_PROFILE`, else "default"). A key pair (flags or environment) wins
 * over a saved login; a saved login's refreshed tokens are saved back to its profile. Missing
 * settings are reported by name, never by value, and every secret joins the redactor first.
 */
export async function openClient(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  needs: { appId: boolean },
): Promise<OpenClient> {
  const given = (key: keyof typeof ENV) => nonEmpty(flags[key]) ?? nonEmpty(env[ENV[key]]);
  const publicKey = given("publicKey");
  const privateKey = given("privateKey");
  io.redactor.add(publicKey, { pinned: true });
  io.redactor.add(privateKey, { pinned: true });
  const profileName = nonEmpty(flags.profile) ?? nonEmpty(env[PROFILE_ENV]) ?? DEFAULT_PROFILE;
  const store = new ProfileStore(profilesPath(env), (message) => io.err(message));
  const keyPair = publicKey !== undefined || privateKey !== undefined;
  const profile = keyPair ? undefined : store.get(profileName);
  io.redactor.add(profile?.accessToken);
  // A refresh token is not rotated: it stays known however many access tokens come after it.
  io.redactor.add(profile?.refreshToken, { pinned: true });
  io.redactor.add(profile?.publicKey, { pinned: true });
  const loggedIn = profile?.refreshToken !== undefined;
  const pick = (key: "groupId" | "appId") => given(key) ?? nonEmpty(profile?.[key]);
  const groupId = pick("groupId");
  const appId = pick("appId");
  const missing = [
    publicKey || !keyPair ? undefined : `--public-key or $${ENV.publicKey}`,
    privateKey || !keyPair ? undefined : `--private-key or $${ENV.privateKey}`,
    appId || !needs.appId ? undefined : `--app-id or $${ENV.appId}`,
  ].filter((m): m is string => m !== undefined);
  const notLoggedIn = !keyPair && !loggedIn;
  if (notLoggedIn || missing.length > 0) {
    const login = `not logged in: no key pair (--public-key and --private-key, or $${ENV.publicKey} and $${ENV.privateKey}) and no login saved in profile "${profileName}" (appservices-admin login)`;
    const settings = missing.length > 0 ? `missing ${missing.join(", ")}` : undefined;
    throw new UsageError([notLoggedIn ? login : undefined, settings].filter(Boolean).join("; "));
  }
  const where = (key: "groupId" | "baseUrl", flag: string) =>
    nonEmpty(flags[key]) !== undefined
      ? flag
      : nonEmpty(env[ENV[key]]) !== undefined
        ? `$${ENV[key]}`
        : `the ${flag.slice(2)} of profile "${profileName}"`;
  // It goes into every request path: anything but an ObjectId would address something else.
  if (groupId !== undefined && !isObjectId(groupId)) {
    throw new UsageError(
      `${where("groupId", "--group-id")} must be the Atlas project id (24 hex digits), got ${JSON.stringify(groupId)}`,
    );
  }
  const base = await clientOptions(flags, env, io, profile);
  // The saved tokens belong to the server that issued them: never send them anywhere else.
  if (profile && trimSlash(base.baseUrl) !== trimSlash(profile.baseUrl)) {
    throw new UsageError(
      `profile "${profileName}" is logged in to ${profile.baseUrl ?? DEFAULT_BASE_URL}, not ${base.baseUrl ?? DEFAULT_BASE_URL}: ` +
        "log in with --base-url for that server (another --profile keeps both)",
    );
  }
  // The refresh token of the login this command's session comes from, as saved.
  let started = profile?.refreshToken;
  const admin = createClient({
    ...base,
    ...(keyPair
      ? {
          credentials: { publicKey: publicKey!, privateKey: privateKey! },
          // The CLI prints what no client error carries (answers, function output): its redactor
          // must know the session's tokens too, as it does for a saved login.
          onSessionChange: (tokens) => {
            io.redactor.add(tokens.accessToken);
            io.redactor.add(tokens.refreshToken);
          },
        }
      : {
          session: { accessToken: profile!.accessToken, refreshToken: profile!.refreshToken },
          onSessionChange: (tokens) => {
            io.redactor.add(tokens.accessToken);
            if (tokens.refreshToken === undefined) return;
            // Saved as soon as it changes, so the next command starts from the fresh token; but
            // only over the login this command started from: a logout or another login made
            // meanwhile (another terminal) stays as it is.
            const ours = started;
            try {
              store.update(profileName, (saved) =>
                saved?.refreshToken === ours ? { ...saved, ...tokens } : saved,
              );
              started = tokens.refreshToken;
            } catch (error) {
              const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
              io.err(`warning: could not save the refreshed session to ${store.file}: ${code}\n`);
            }
          },
        }),
  });
  const source: SessionSource = keyPair ? "key pair" : "profile";
  const { baseUrl, fetch } = base;
  // Atlas writes project ids in lower case (its Admin API's groupId pattern is ^([a-f0-9]{24})$);
  // an upper-case copy is the same ObjectId, sent as Atlas writes it.
  return {
    admin,
    source,
    profileName,
    store,
    baseUrl,
    groupId: groupId?.toLowerCase(),
    appId,
    fetch,
  };
}

/**
 * What every client of the CLI shares: the base URL (flag, environment, else the profile's),
 * the proxy, the User-Agent, and with `--verbose` the runtime's debug events on stderr.
 */
export async function clientOptions(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  profile: Profile | undefined,
): Promise<AdminClientOptions & { fetch: CliFetch | undefined }> {
  const flag = nonEmpty(flags.baseUrl);
  const variable = nonEmpty(env[ENV.baseUrl]);
  const baseUrl = flag ?? variable ?? profile?.baseUrl;
  if (baseUrl !== undefined) {
    checkBaseUrl(
      baseUrl,
      flag ? "--base-url" : variable ? `$${ENV.baseUrl}` : "the profile's base URL",
    );
  }
  const fetch = await proxyFetch(env, io.redactor);
  if (flags.verbose && fetch) io.err(`debug: proxy from ${proxyVariables(env).join(", ")}\n`);
  return {
    baseUrl,
    fetch,
    userAgent: "appservices-admin-cli",
    logger: flags.verbose ? verboseLogger(io) : undefined,
  };
}

/**
 * A client from options the CLI assembled: whatever `createAdminClient` refuses (it checks its
 * options when made) came from our settings, so it is a usage error, not a bug.
 */
export function createClient(options: AdminClientOptions): AdminClient {
  try {
    return createAdminClient(options);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError)
      throw new UsageError(`invalid configuration: ${error.message}`);
    throw error;
  }
}

/**
 * The base URL setting, checked here so the message names the flag or variable it came from. A
 * user name or password in it is never echoed.
 */
function checkBaseUrl(value: string, where: string): void {
  // Everything up to the last "@" after "//" may be a user name or password: never shown.
  const shown = JSON.stringify(value.replace(/\/\/.*@/, "//***@"));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${where} must be an absolute http(s) URL such as ${DEFAULT_BASE_URL}, got ${shown}`,
    );
  }
  const wrong =
    url.protocol !== "https:" && url.protocol !== "http:"
      ? `must use http or https, got ${shown}`
      : url.username || url.password
        ? "must not hold a user name or password (the API key pair goes in --public-key and --private-key)"
        : url.search || url.hash
          ? `must not have a query or fragment, got ${shown}`
          : undefined;
  if (wrong) throw new UsageError(`${where} ${wrong}`);
}

function trimSlash(url: string | undefined): string {
  return (url ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The runtime's debug events, one line each on stderr (the runtime has already redacted them). */
function verboseLogger(io: CliIo): AdminLogger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    io.err(`${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}\n`);
  return { debug: line("debug"), warn: line("warn") };
}
