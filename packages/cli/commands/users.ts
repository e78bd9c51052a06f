import { Option, type Command } from "commander";
import type { User } from "appservices-admin/types";
import { eachTarget, printBatch, type Target } from "../batch.js";
import { connectFolder } from "../app-folder.js";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { parsePositive } from "../dates.js";
import { UsageError } from "../exit-codes.js";
import { printJson, secondsToIso, table } from "../output.js";
import { readStdin } from "../stdin.js";
import {
  checkProviders,
  listUsers,
  matches,
  PROVIDER_TYPES,
  type UserFilters,
} from "../user-pages.js";

interface UsersFlags extends ConnectionFlags {
  json?: boolean;
  state?: "enabled" | "disabled";
  provider?: string[];
  pending?: boolean;
  limit?: string;
  type?: "email" | "api-key";
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  name?: string;
  user?: string[];
}

/** What each action on existing users sends, by subcommand. */
const ACTIONS = {
  delete: { verb: "deleted", help: "delete users and their data" },
  disable: { verb: "disabled", help: "disable users (they cannot log in; sessions end)" },
  enable: { verb: "enabled", help: "enable disabled users" },
  revoke: { verb: "revoked", help: "end every session of the users (they can log in again)" },
} as const;

/** `users list|create|delete|disable|enable|revoke`: the app's end users. */
export function usersCommand(program: Command, ctx: CliContext): void {
  const users = program.command("users").alias("user").description("the app's users");
  const collect = (value: string, previous: string[] = []) => [
    ...previous,
    ...value.split(",").map((v) => v.trim()),
  ];
  const list = users
    .command("list")
    .alias("ls")
    .description("list users, every page (50 per request), optionally filtered")
    .addOption(
      new Option("--state <state>", "only enabled or disabled users").choices([
        "enabled",
        "disabled",
      ]),
    )
    .option(
      "--provider <types>",
      `only users of these provider types, comma-separated or repeated (${PROVIDER_TYPES.join(", ")})`,
      collect,
    )
    .option("--pending", "pending email/password registrations instead of confirmed users")
    .option("-u, --user <ids>", "only these user ids, comma-separated or repeated", collect)
    .option("--limit <n>", "stop after n users")
    .option("--json", "print the users as one JSON array, as the API returns them");
  addConnectionOptions(list).action((flags: UsersFlags) =>
    ctx.run(flags, () => runList(flags, ctx)),
  );
  const create = users
    .command("create")
    .description("create an email/password user, or an API key user (--type api-key --name)")
    .addOption(
      new Option("--type <type>", "email (default with --email) or api-key").choices([
        "email",
        "api-key",
      ]),
    )
    .option("--email <email>", "the new user's email")
    .option("--password <password>", "its password (prefer --password-stdin: arguments show in ps)")
    .option("--password-stdin", "read the password from standard input")
    .option("--name <name>", "the API key's name (--type api-key)")
    .option("--json", "print the new user (or API key, with its key) as the API returns it");
  addConnectionOptions(create).action((flags: UsersFlags) =>
    ctx.run(flags, () => runCreate(flags, ctx)),
  );
  for (const [name, action] of Object.entries(ACTIONS)) {
    const command = users
      .command(name)
      .description(action.help)
      .argument("[ids...]", "user ids (or -u, --user)")
      .option("-u, --user <ids>", "user ids, comma-separated or repeated", collect);
    // The official CLI's `delete` and `revoke` narrow the users named by these filters.
    if (name === "delete" || name === "revoke") {
      command
        .addOption(
          new Option(
            "--state <state>",
            "only those of the named users that are enabled or disabled (the others are left as they are)",
          ).choices(["enabled", "disabled"]),
        )
        .option(
          "--provider <types>",
          "only those of the named users of these provider types, comma-separated or repeated",
          collect,
        )
        .option("--pending", "refused: pending registrations are not users (see the error)");
    }
    command.option("--json", `print {"${action.verb}":[ids],"failed":[{id,error}]}`);
    addConnectionOptions(command).action((ids: string[], flags: UsersFlags) =>
      ctx.run(flags, () => runAction(name as keyof typeof ACTIONS, ids, flags, ctx)),
    );
  }
}

async function runList(flags: UsersFlags, ctx: CliContext): Promise<number> {
  const limit = flags.limit === undefined ? Infinity : parsePositive(flags.limit, "--limit");
  checkProviders(flags.provider ?? []);
  if (flags.pending && (flags.state || flags.provider)) {
    throw new UsageError("--pending lists registrations: it takes no --state or --provider");
  }
  const filters: UserFilters = {
    state: flags.state,
    providers: flags.provider,
    pending: flags.pending,
  };
  // `--user` filters the pages as the official CLI's does, and stops once every id was seen.
  const wanted = flags.user === undefined ? undefined : new Set(flags.user.filter(Boolean));
  if (wanted?.size === 0) throw new UsageError("--user needs at least one user id, got none");
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const found: User[] = [];
  for await (const user of listUsers(admin, { groupId, appId }, filters, ctx.signal)) {
    if (wanted !== undefined && !wanted.has(user._id ?? "")) continue;
    found.push(user);
    if (found.length >= limit || found.length === wanted?.size) break;
  }
  if (flags.json) await printJson(ctx, found);
  else await ctx.io.out(usersTable(found));
  return 0;
}

function usersTable(users: readonly User[]): string {
  const data = (u: User) => (u.data ?? {}) as Record<string, unknown>;
  return table(
    users,
    [
      { heading: "ID", cell: (u) => u._id },
      {
        heading: "PROVIDER",
        cell: (u) => (u.identities ?? []).map((i) => i.provider_type).join(","),
      },
      { heading: "NAME", cell: (u) => data(u)["email"] ?? data(u)["name"] ?? "" },
      { heading: "ENABLED", cell: (u) => (u.disabled ? "no" : "yes") },
      { heading: "LAST LOGIN", cell: (u) => secondsToIso(u.last_authentication_date) || "never" },
    ],
    "no users",
  );
}

async function runCreate(flags: UsersFlags, ctx: CliContext): Promise<number> {
  const type =
    flags.type ?? (flags.name !== undefined && flags.email === undefined ? "api-key" : "email");
  if (type === "api-key") {
    if (!flags.name) throw new UsageError("--type api-key needs --name");
    if (flags.email || flags.password || flags.passwordStdin) {
      throw new UsageError("--type api-key takes --name only (no --email or --password)");
    }
    const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
    const key = await admin.apikeys.createApiKey(
      { groupId, appId, body: { name: flags.name } },
      { signal: ctx.signal },
    );
    if (flags.json) await printJson(ctx, key);
    else
      await ctx.io.out(
        `created API key ${key.name} (${key._id}); its key, shown this once:\n${key.key}\n`,
      );
    return 0;
  }
  if (!flags.email) throw new UsageError("users create needs --email (or --type api-key --name)");
  if (flags.password !== undefined && flags.passwordStdin) {
    throw new UsageError("give the password with --password or --password-stdin, not both");
  }
  const password = flags.passwordStdin
    ? (await readStdin(ctx.io.stdin, ctx.signal)).replace(/\r?\n$/, "")
    : flags.password;
  if (!password) throw new UsageError("users create needs --password or --password-stdin");
  ctx.io.redactor.add(password, { pinned: true });
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const user = await admin.users.createUser(
    { groupId, appId, body: { email: flags.email, password } },
    { signal: ctx.signal },
  );
  if (flags.json) await printJson(ctx, user);
  else await ctx.io.out(`created user ${user._id} (${flags.email})\n`);
  return 0;
}

async function runAction(
  name: keyof typeof ACTIONS,
  ids: string[],
  flags: UsersFlags,
  ctx: CliContext,
): Promise<number> {
  const named: Target[] = [...ids, ...(flags.user ?? [])]
    .filter(Boolean)
    .map((id) => ({ id, label: id }));
  if (flags.pending) {
    throw new UsageError(
      `users ${name} acts on users: a pending registration is not one (it has no user id); ` +
        "remove one with: appservices-admin api DELETE '/groups/{groupId}/apps/{appId}/user_registrations/by_email/<email>'",
    );
  }
  checkProviders(flags.provider ?? []);
  const filters: UserFilters = { state: flags.state, providers: flags.provider };
  const filtered = filters.state !== undefined || (filters.providers?.length ?? 0) > 0;
  if (named.length === 0) {
    // The official CLI asks which of the users the filters select; nothing here ever asks.
    throw new UsageError(
      `name the users to ${name} (ids, or -u)` +
        (filtered
          ? `: users list ${filterFlags(filters)} --json gives the ids of those users`
          : ""),
    );
  }
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const options = { signal: ctx.signal };
  const targets = filtered
    ? await narrowed(named, filters, (userId) =>
        admin.users.getUser({ groupId, appId, userId }, options),
      )
    : named;
  if (targets.length === 0) {
    // The filters last: the redactor takes "api-key: <word>" for a header carrying a key.
    throw new UsageError(
      `nothing to ${name}: none of the users named matches ${filterFlags(filters)}`,
    );
  }
  const left = named.filter(
    (n, i) => !targets.some((t) => t.id === n.id) && named.findIndex((m) => m.id === n.id) === i,
  );
  for (const skipped of left) {
    ctx.io.err(`skipped  ${skipped.label}: does not match ${filterFlags(filters)}\n`);
  }
  const send = {
    delete: (userId: string) => admin.users.deleteUser({ groupId, appId, userId }, options),
    disable: (userId: string) => admin.users.disableUser({ groupId, appId, userId }, options),
    enable: (userId: string) => admin.users.enableUser({ groupId, appId, userId }, options),
    revoke: (userId: string) => admin.users.userLogout({ groupId, appId, userId }, options),
  }[name];
  const result = await eachTarget(ctx, targets, (target) => send(target.id));
  return printBatch(ctx, flags.json, ACTIONS[name].verb, result);
}

/**
 * The named users the filters select, as the official CLI's `users delete|revoke -u ... --state`
 * picks them: each one read first (one that cannot be read fails the command before anything
 * is changed), then kept only if it matches.
 */
async function narrowed(
  named: readonly Target[],
  filters: UserFilters,
  read: (userId: string) => Promise<User>,
): Promise<Target[]> {
  const kept: Target[] = [];
  for (const target of named) {
    if (kept.some((t) => t.id === target.id)) continue;
    if (matches(await read(target.id), filters)) kept.push(target);
  }
  return kept;
}

/** The filters as the flags that give them, for messages. */
function filterFlags(filters: UserFilters): string {
  return [
    filters.state === undefined ? undefined : `--state ${filters.state}`,
    filters.providers?.length ? `--provider ${filters.providers.join(",")}` : undefined,
  ]
    .filter(Boolean)
    .join(" ");
}
