import type { Command } from "commander";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { clientOptions, createClient, ENV, openClient } from "../open-client.js";
import { printResult } from "../output.js";
import { DEFAULT_PROFILE, PROFILE_ENV, ProfileStore, profilesPath } from "../profile-store.js";
import { readStdin } from "../stdin.js";

interface LoginFlags extends ConnectionFlags {
  apiKey?: string;
  privateApiKey?: string;
  privateKeyStdin?: boolean;
  showProjects?: boolean;
  json?: boolean;
}

/**
 * `login`, `whoami` and `logout`: a saved login (a session, never the private key) in the
 * profile file, which every other command uses when no key pair is given.
 */
export function loginCommands(program: Command, ctx: CliContext): void {
  const login = program
    .command("login")
    .description(
      "log in with an API key pair and save the session (not the private key) to a profile, mode 0600",
    )
    .option("--api-key <key>", "same as --public-key (the official CLI's name)")
    .option("--private-api-key <key>", "same as --private-key (the official CLI's name)")
    .option("--private-key-stdin", "read the private key from standard input")
    .option(
      "-y, --yes",
      "accepted, as the official CLI's: login never asks (it replaces the profile's)",
    )
    .option("--json", 'print {"profile","file","userId","baseUrl"}');
  addConnectionOptions(login).action((flags: LoginFlags) =>
    ctx.run(flags, () => runLogin(flags, ctx)),
  );
  const whoami = program
    .command("whoami")
    .description("show who the CLI acts as (saved login or key pair), checked with the server")
    .option(
      "--show-projects",
      "also list the Atlas projects the key's roles reach (ids only: names are Atlas's, not the Admin API's)",
    )
    .option("--json", 'print {"source","profile","publicKey","userId","baseUrl","roles",...}');
  addConnectionOptions(whoami).action((flags: LoginFlags) =>
    ctx.run(flags, () => runWhoami(flags, ctx)),
  );
  program
    .command("logout")
    .description("end the saved session on the server and remove it from the profile file")
    .option("--profile <name>", `the saved login (default $${PROFILE_ENV}, else "default")`)
    .option("--json", 'print {"profile","loggedOut","file"}')
    .option("--verbose", "debug events and full error details on stderr")
    .action((flags: LoginFlags) => ctx.run(flags, () => runLogout(flags, ctx)));
}

async function runLogin(flags: LoginFlags, ctx: CliContext): Promise<number> {
  // `--api-key` and `--private-api-key` were folded into ours (different values: exit 2).
  if (flags.privateKeyStdin && flags.privateKey !== undefined) {
    const flag = flags.privateApiKey !== undefined ? "--private-api-key" : "--private-key";
    throw new UsageError(`--private-key-stdin and ${flag} both give the private key: give one`);
  }
  const publicKey = flags.publicKey ?? ctx.env[ENV.publicKey];
  const privateKey = flags.privateKeyStdin
    ? (await readStdin(ctx.io.stdin, ctx.signal)).trim()
    : (flags.privateKey ?? ctx.env[ENV.privateKey]);
  ctx.io.redactor.add(privateKey, { pinned: true });
  if (!publicKey || !privateKey) {
    throw new UsageError(
      `login needs a key pair: --public-key (or $${ENV.publicKey}) and --private-key, ` +
        `--private-key-stdin (or $${ENV.privateKey})`,
    );
  }
  const { admin, profileName, store, baseUrl, groupId, appId } = await openClient(
    { ...flags, publicKey, privateKey },
    ctx.env,
    ctx.io,
    { appId: false },
  );
  // Any authenticated call logs in; this one also says who we are.
  const me = await admin.admin.getAdminProfile(undefined, { signal: ctx.signal });
  const { accessToken, refreshToken } = admin.session.get();
  store.set(profileName, { baseUrl, publicKey, accessToken, refreshToken, groupId, appId });
  const result = { profile: profileName, file: store.file, userId: me.user_id, baseUrl };
  await printResult(ctx, flags.json, result, () => {
    const where = baseUrl ? ` at ${baseUrl}` : "";
    return `logged in as ${mask(publicKey)}${where}; session saved to profile "${profileName}" in ${store.file}\n`;
  });
  return 0;
}

async function runWhoami(flags: LoginFlags, ctx: CliContext): Promise<number> {
  const opened = await openClient(flags, ctx.env, ctx.io, { appId: false });
  const me = await opened.admin.admin.getAdminProfile(undefined, { signal: ctx.signal });
  const publicKey =
    opened.source === "profile"
      ? opened.store.get(opened.profileName)?.publicKey
      : (flags.publicKey ?? ctx.env[ENV.publicKey]);
  const result = {
    source: opened.source,
    profile: opened.source === "profile" ? opened.profileName : undefined,
    file: opened.source === "profile" ? opened.store.file : undefined,
    publicKey: publicKey === undefined ? undefined : mask(publicKey),
    userId: me.user_id,
    baseUrl: opened.baseUrl,
    groupId: opened.groupId,
    appId: opened.appId,
    roles: (me.roles ?? []).map((r) => ({ role_name: r.role_name, group_id: r.group_id })),
    // The official CLI asks Atlas for the projects; the Admin API knows them by the roles.
    projects: flags.showProjects ? projectsOf(me.roles ?? []) : undefined,
  };
  await printResult(ctx, flags.json, result, () => {
    const lines = [
      [
        "acting as",
        `${result.publicKey ?? "?"} (${opened.source === "profile" ? `saved login, profile "${result.profile}"` : "key pair"})`,
      ],
      ["user id", result.userId],
      ["base URL", result.baseUrl ?? "default"],
      ["project", result.groupId],
      ["app", result.appId],
      [
        "roles",
        result.roles.map((r) => `${r.role_name}${r.group_id ? `@${r.group_id}` : ""}`).join(", "),
      ],
    ];
    const projects = result.projects
      ? `projects available (${result.projects.length})\n${result.projects.map((id) => `  ${id}\n`).join("")}`
      : "";
    return `${lines
      .filter(([, value]) => value)
      .map(([name, value]) => `${name!.padEnd(10)}${value}\n`)
      .join("")}${projects}`;
  });
  return 0;
}

async function runLogout(flags: LoginFlags, ctx: CliContext): Promise<number> {
  const profileName = flags.profile ?? ctx.env[PROFILE_ENV] ?? DEFAULT_PROFILE;
  const store = new ProfileStore(profilesPath(ctx.env), (message) => ctx.io.err(message));
  const profile = store.get(profileName);
  const result = { profile: profileName, loggedOut: profile !== undefined, file: store.file };
  if (profile?.refreshToken !== undefined) {
    ctx.io.redactor.add(profile.accessToken);
    ctx.io.redactor.add(profile.refreshToken);
    const admin = createClient({
      ...(await clientOptions(flags, ctx.env, ctx.io, profile)),
      session: { accessToken: profile.accessToken, refreshToken: profile.refreshToken },
    });
    // Whatever the server says, this machine stops holding the session.
    store.set(profileName, undefined);
    try {
      await admin.session.logout();
    } catch (error) {
      ctx.io.err(
        `profile "${profileName}" was removed from ${store.file}, but the server did not confirm the end of the session:\n`,
      );
      throw error;
    }
  } else if (profile !== undefined) {
    store.set(profileName, undefined);
  }
  await printResult(ctx, flags.json, result, () =>
    result.loggedOut
      ? `logged out; profile "${profileName}" removed from ${store.file}\n`
      : `not logged in (no profile "${profileName}" in ${store.file})\n`,
  );
  return 0;
}

/** The projects the roles name, each once, in the order the profile lists them. */
function projectsOf(roles: ReadonlyArray<{ group_id?: string | undefined }>): string[] {
  return [...new Set(roles.map((r) => r.group_id).filter((id): id is string => !!id))];
}

/** A key shown by its last four characters only, as the official CLI shows a private key. */
export function mask(key: string): string {
  return `${"*".repeat(Math.max(4, key.length - 4))}${key.slice(-4)}`;
}
