import type { Command } from "commander";
import { addConnectionOptions, connect, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { parseJsonFlag } from "../json-flag.js";
import { printJson } from "../output.js";

interface RunFlags extends ConnectionFlags {
  args?: string;
  user?: string;
  system?: boolean;
  json?: boolean;
}

/** What `execute_function` answers (internal/cloud/realm/function.go `ExecutionResults`). */
interface Execution {
  result?: unknown;
  logs?: unknown[] | null;
  error_logs?: unknown[] | null;
  stats?: { execution_time?: string };
}

/** `function run <name>`: runs a function as a user or as the system user, for testing. */
export function functionCommand(program: Command, ctx: CliContext): void {
  const fn = program.command("function").alias("functions").description("the app's functions");
  const run = fn
    .command("run")
    .description(
      "run a function and print its console output (stderr) and result (stdout); as the system user unless --user",
    )
    .argument("<name>", "the function's name")
    .option(
      "--args <json>",
      "the arguments as a JSON array (one non-array JSON value: one argument)",
    )
    .option("--user <id>", "run as this user")
    .option("--system", "run as the system user (the default)")
    .option("--json", 'print {"result","logs","error_logs","stats"} as the API returns them');
  addConnectionOptions(run).action((name: string, flags: RunFlags) =>
    ctx.run(flags, () => runFunction(name, flags, ctx)),
  );
}

async function runFunction(name: string, flags: RunFlags, ctx: CliContext): Promise<number> {
  if (flags.user !== undefined && flags.system) {
    throw new UsageError("--user and --system exclude each other: the API takes one identity");
  }
  // An empty value is an unset shell variable: the server would answer with a puzzling 400/404.
  if (name.trim() === "") throw new UsageError(`<name> needs a function name, got "${name}"`);
  if (flags.user !== undefined && flags.user.trim() === "") {
    throw new UsageError(`--user needs a user id, got "${flags.user}"`);
  }
  const parsed = flags.args === undefined ? [] : parseJsonFlag(flags.args, "--args");
  const args = Array.isArray(parsed) ? parsed : [parsed];
  const { admin, groupId, appId } = await connect(flags, ctx.env, ctx.io, ctx.signal);
  // As the official CLI sends it: exactly one of user_id and run_as_system, any JSON arguments.
  const identity = flags.user === undefined ? { run_as_system: true } : { user_id: flags.user };
  const answer = await admin.functions.executeFunction(
    { groupId, appId, ...identity, body: { name, arguments: args } },
    { signal: ctx.signal },
  );
  // A server may echo what the session knows; redacted as a value, so JSON stays JSON.
  const execution = ctx.io.redactor.value(answer ?? {}) as Execution;
  if (flags.json) {
    await printJson(ctx, execution);
    return 0;
  }
  for (const line of execution.logs ?? []) ctx.io.err(`${text(line)}\n`);
  for (const line of execution.error_logs ?? []) ctx.io.err(`error: ${text(line)}\n`);
  if (execution.stats?.execution_time) ctx.io.err(`ran in ${execution.stats.execution_time}\n`);
  await ctx.io.out(`${JSON.stringify(execution.result ?? null, null, 2)}\n`);
  return 0;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
