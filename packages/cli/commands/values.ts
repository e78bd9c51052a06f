import type { Command } from "commander";
import type { AdminClient } from "appservices-admin";
import { eachTarget, printBatch, resolveTargets } from "../batch.js";
import { connectFolder } from "../app-folder.js";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { parseJsonFlag } from "../json-flag.js";
import { printResult, table } from "../output.js";
import { listed } from "../listed.js";

interface ValuesFlags extends ConnectionFlags {
  json?: boolean;
  name?: string;
  value?: string;
  secret?: boolean;
  private?: boolean;
}

/**
 * `values list|create|update|delete`: the app's Values. A value is any JSON (`--value '{"a":1}'`,
 * `--value '"text"'`), or with `--secret` the name of a secret it stands for.
 */
export function valuesCommand(program: Command, ctx: CliContext): void {
  const values = program.command("values").alias("value").description("the app's values");
  const list = values
    .command("list")
    .alias("ls")
    .description("list the app's values")
    .option("--json", "print the values as one JSON array");
  const create = values
    .command("create")
    .description("create a value")
    .requiredOption("--name <name>", "the value's name")
    .requiredOption("--value <json>", "the value as JSON; with --secret, a secret's name")
    .option("--secret", "the value is the name of a secret (from_secret)")
    .option("--private", "hide the value from client SDKs")
    .option("--json", "print the new value as the API returns it");
  const update = values
    .command("update")
    .description("replace a value (its name, privacy and secret link stay unless given)")
    .argument("<value>", "the value's name or id")
    .requiredOption("--value <json>", "the new value as JSON; with --secret, a secret's name")
    .option("--name <name>", "a new name")
    .option("--secret", "the value is the name of a secret (from_secret)")
    .option("--private", "hide the value from client SDKs")
    .option("--no-private", "show the value to client SDKs")
    .option("--json", 'print {"updated":[id],"failed":[]}');
  const remove = values
    .command("delete")
    .description("delete values by name or id")
    .argument("<values...>", "names or ids")
    .option("--json", 'print {"deleted":[ids],"failed":[{id,error}]}');
  addConnectionOptions(list).action((flags: ValuesFlags) =>
    ctx.run(flags, () => runList(flags, ctx)),
  );
  addConnectionOptions(create).action((flags: ValuesFlags) =>
    ctx.run(flags, () => runCreate(flags, ctx)),
  );
  addConnectionOptions(update).action((name: string, flags: ValuesFlags) =>
    ctx.run(flags, () => runUpdate(name, flags, ctx)),
  );
  addConnectionOptions(remove).action((names: string[], flags: ValuesFlags) =>
    ctx.run(flags, () => runDelete(names, flags, ctx)),
  );
}

async function runList(flags: ValuesFlags, ctx: CliContext): Promise<number> {
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const values = listed(
    await admin.values.listValues({ groupId, appId }, { signal: ctx.signal }),
    "values",
  );
  await printResult(ctx, flags.json, values, () =>
    table(
      values,
      [
        { heading: "ID", cell: (v) => v._id },
        { heading: "NAME", cell: (v) => v.name },
        { heading: "PRIVATE", cell: (v) => (v.private ? "yes" : "no") },
      ],
      "no values",
    ),
  );
  return 0;
}

async function runCreate(flags: ValuesFlags, ctx: CliContext): Promise<number> {
  const value = valueOf(flags, flags.secret === true);
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  if (flags.secret) await checkSecret(admin, { groupId, appId }, value as string, ctx.signal);
  const body = {
    name: flags.name!,
    value,
    private: flags.private === true,
    from_secret: flags.secret === true,
  };
  const created = await admin.values.createValue({ groupId, appId, body }, { signal: ctx.signal });
  await printResult(ctx, flags.json, created, () => `created value ${flags.name}\n`);
  return 0;
}

async function runUpdate(wanted: string, flags: ValuesFlags, ctx: CliContext): Promise<number> {
  // Checked as JSON now only when the link is given; otherwise the value's own link decides below.
  if (flags.secret !== undefined) valueOf(flags, flags.secret);
  else if (flags.value === undefined) throw new UsageError("--value is required");
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const values = listed(
    await admin.values.listValues({ groupId, appId }, { signal: ctx.signal }),
    "values",
  );
  const [target] = resolveTargets(values, [wanted], "value");
  const current = await admin.values.getValue(
    { groupId, appId, valueId: target!.id },
    { signal: ctx.signal },
  );
  const fromSecret = flags.secret ?? current.from_secret ?? false;
  const value = valueOf(flags, fromSecret);
  if (fromSecret) await checkSecret(admin, { groupId, appId }, value as string, ctx.signal);
  const body = {
    name: flags.name ?? current.name,
    value,
    private: flags.private ?? current.private ?? false,
    from_secret: fromSecret,
  };
  // The API replaces the value with the one sent: unchanged fields are sent as they are.
  const result = await eachTarget(ctx, [target!], async (t) => {
    await admin.values.updateValue({ groupId, appId, valueId: t.id, body }, { signal: ctx.signal });
  });
  return printBatch(ctx, flags.json, "updated", result);
}

async function runDelete(wanted: string[], flags: ValuesFlags, ctx: CliContext): Promise<number> {
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const values = listed(
    await admin.values.listValues({ groupId, appId }, { signal: ctx.signal }),
    "values",
  );
  const targets = resolveTargets(values, wanted, "value");
  const result = await eachTarget(ctx, targets, (target) =>
    admin.values.deleteValue({ groupId, appId, valueId: target.id }, { signal: ctx.signal }),
  );
  return printBatch(ctx, flags.json, "deleted", result);
}

/** `--value`: JSON, or with `--secret` a secret's name taken as it is. */
function valueOf(flags: ValuesFlags, fromSecret: boolean): unknown {
  if (flags.value === undefined) throw new UsageError("--value is required");
  return fromSecret ? flags.value : parseJsonFlag(flags.value, "--value");
}

/**
 * A value linked to a secret that does not exist is accepted, and breaks the app only when it
 * is read: a mistyped name is refused before anything changes, as `push` refuses one.
 */
async function checkSecret(
  admin: AdminClient,
  ids: { groupId: string; appId: string },
  name: string,
  signal: AbortSignal,
): Promise<void> {
  const secrets = listed(await admin.secrets.getAllSecrets(ids, { signal }), "secrets");
  if (!secrets.some((secret) => secret.name === name)) {
    const known = secrets.map((secret) => secret.name).join(", ") || "none";
    // Not the name itself: every --value is redacted, a private value's as much as a secret's.
    throw new UsageError(`--value names no secret of the app (its secrets: ${known})`);
  }
}
