import type { Command } from "commander";
import { eachTarget, printBatch, resolveTargets } from "../batch.js";
import { connectFolder } from "../app-folder.js";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { printResult, table } from "../output.js";
import { readStdin } from "../stdin.js";
import { listed } from "../listed.js";

interface SecretsFlags extends ConnectionFlags {
  json?: boolean;
  name?: string;
  value?: string;
  valueStdin?: boolean;
  secret?: string | string[];
}

/**
 * `secrets list|create|update|delete`, with the official CLI's flags (`--name`, `--value`,
 * `--secret` by name or id). A secret's value is write-only: it is never printed, and it joins
 * the redactor so no error can echo it.
 */
export function secretsCommand(program: Command, ctx: CliContext): void {
  const secrets = program.command("secrets").alias("secret").description("the app's secrets");
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const list = secrets
    .command("list")
    .alias("ls")
    .description("list the app's secrets (ids and names; values cannot be read)")
    .option("--json", "print the secrets as one JSON array");
  const create = secrets
    .command("create")
    .description("create a secret")
    .requiredOption("-n, --name <name>", "the secret's name")
    .option(
      "-v, --value <value>",
      "the secret's value (prefer --value-stdin: arguments show in ps)",
    )
    .option("--value-stdin", "read the value from standard input (one final newline removed)")
    .option("--json", 'print {"_id","name"}');
  const update = secrets
    .command("update")
    .description("replace a secret's value (and optionally rename it)")
    .argument("[secret]", "the secret's name or id (or --secret)")
    .option("-s, --secret <name-or-id>", "the secret to update")
    .option("-n, --name <name>", "a new name")
    .option(
      "-v, --value <value>",
      "the new value (required: the API replaces it; prefer --value-stdin: arguments show in ps)",
    )
    .option("--value-stdin", "read the new value from standard input (one final newline removed)")
    .option("--json", 'print {"updated":[id],"failed":[]}');
  const remove = secrets
    .command("delete")
    .description("delete secrets by name or id")
    .argument("[secrets...]", "names or ids (or --secret, repeatable)")
    .option("-s, --secret <name-or-id>", "a secret to delete (repeatable)", collect)
    .option("--json", 'print {"deleted":[ids],"failed":[{id,error}]}');
  addConnectionOptions(list).action((flags: SecretsFlags) =>
    ctx.run(flags, () => runList(flags, ctx)),
  );
  addConnectionOptions(create).action((flags: SecretsFlags) =>
    ctx.run(flags, () => runCreate(flags, ctx)),
  );
  addConnectionOptions(update).action((secret: string | undefined, flags: SecretsFlags) =>
    ctx.run(flags, () => runUpdate([secret, flags.secret as string | undefined], flags, ctx)),
  );
  addConnectionOptions(remove).action((names: string[], flags: SecretsFlags) =>
    ctx.run(flags, () => runDelete([...names, ...((flags.secret as string[]) ?? [])], flags, ctx)),
  );
}

async function runList(flags: SecretsFlags, ctx: CliContext): Promise<number> {
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const secrets = listed(
    await admin.secrets.getAllSecrets({ groupId, appId }, { signal: ctx.signal }),
    "secrets",
  );
  await printResult(ctx, flags.json, secrets, () =>
    table(
      secrets,
      [
        { heading: "ID", cell: (s) => s._id },
        { heading: "NAME", cell: (s) => s.name },
      ],
      "no secrets",
    ),
  );
  return 0;
}

async function runCreate(flags: SecretsFlags, ctx: CliContext): Promise<number> {
  const value = await secretValue(flags, ctx, true);
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const created = await admin.secrets.createSecret(
    { groupId, appId, body: { name: flags.name!, value: value! } },
    { signal: ctx.signal },
  );
  const result = { _id: created._id, name: created.name ?? flags.name };
  await printResult(
    ctx,
    flags.json,
    result,
    () => `created secret ${result.name} (${result._id})\n`,
  );
  return 0;
}

async function runUpdate(
  wanted: (string | undefined)[],
  flags: SecretsFlags,
  ctx: CliContext,
): Promise<number> {
  const names = wanted.filter((w): w is string => w !== undefined);
  if (names.length !== 1) throw new UsageError("secrets update takes one secret (name or id)");
  // The official CLI renames with -n alone, sending an empty value: say why that is refused.
  if (flags.name !== undefined && flags.value === undefined && !flags.valueStdin) {
    throw new UsageError(
      "secrets update -n renames only with the value: give --value or --value-stdin too (the API replaces both, and a secret's value cannot be read back)",
    );
  }
  const value = await secretValue(flags, ctx, true);
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const secrets = listed(
    await admin.secrets.getAllSecrets({ groupId, appId }, { signal: ctx.signal }),
    "secrets",
  );
  const [found] = resolveTargets(secrets, names, "secret");
  const current = secrets.find((s) => s._id === found!.id)!;
  // A rename says so: the line names the secret as it was found, which no longer exists.
  const renamed = flags.name !== undefined && flags.name !== current.name;
  const target = renamed
    ? { ...found!, label: `${found!.label}, now named ${flags.name}` }
    : found!;
  const result = await eachTarget(ctx, [target], (target) =>
    admin.secrets.modifySecret(
      {
        groupId,
        appId,
        secretId: target.id,
        // The official CLI sends the current name when none is given: the API replaces both.
        body: { name: flags.name ?? current.name!, value: value! },
      },
      { signal: ctx.signal },
    ),
  );
  return printBatch(ctx, flags.json, "updated", result);
}

async function runDelete(wanted: string[], flags: SecretsFlags, ctx: CliContext): Promise<number> {
  if (wanted.length === 0) throw new UsageError("name the secrets to delete (names or ids)");
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const secrets = listed(
    await admin.secrets.getAllSecrets({ groupId, appId }, { signal: ctx.signal }),
    "secrets",
  );
  const targets = resolveTargets(secrets, wanted, "secret");
  const result = await eachTarget(ctx, targets, (target) =>
    admin.secrets.deleteSecret({ groupId, appId, secretId: target.id }, { signal: ctx.signal }),
  );
  return printBatch(ctx, flags.json, "deleted", result);
}

/** `--value` or `--value-stdin` (one of them when `required`), redacted from every message. */
async function secretValue(
  flags: SecretsFlags,
  ctx: CliContext,
  required: boolean,
): Promise<string | undefined> {
  if (flags.value !== undefined && flags.valueStdin) {
    throw new UsageError("give the value with --value or --value-stdin, not both");
  }
  const value = flags.valueStdin
    ? (await readStdin(ctx.io.stdin, ctx.signal)).replace(/\r?\n$/, "")
    : flags.value;
  if (required && value === undefined) throw new UsageError("--value or --value-stdin is required");
  // An empty value is a forgotten redirect, a missing file or an unset variable (`-v "$TOKEN"`)
  // far more often than a wanted one; the official CLI takes it as no value at all. Refused
  // before anything is sent, so such a slip never empties a secret.
  if (value === "") {
    throw new UsageError(
      flags.valueStdin
        ? "--value-stdin: standard input is empty; a secret's value cannot be empty"
        : "--value is empty (an unset variable?); a secret's value cannot be empty",
    );
  }
  ctx.io.redactor.add(value, { pinned: true });
  return value;
}
