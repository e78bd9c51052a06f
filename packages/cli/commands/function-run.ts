import type { Command } from "commander";
import { connectFolder } from "../app-folder.js";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { parseJsonFlag } from "../json-flag.js";
import { printJson } from "../output.js";

interface RunFlags extends ConnectionFlags {
  args?: string[];
  name?: string;
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
    .argument("[name]", "the function's name (or --name)")
    .option("--name <name>", "the function's name (the official CLI's flag)")
    .option(
      "--args <json>",
      "the arguments as a JSON array (one non-array JSON value: one argument); repeated, as " +
        "the official CLI's: one JSON argument each",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--user <id>", "run as this user")
    .option("--system", "run as the system user (the default)")
    .option("--json", 'print {"result","logs","error_logs","stats"} as the API returns them');
  addConnectionOptions(run).action((name: string | undefined, flags: RunFlags) =>
    ctx.run(flags, () => runFunction(functionName(name, flags.name), flags, ctx)),
  );
}

/** The name as an argument or as `--name`; both must agree, one must be given. */
function functionName(argument: string | undefined, flag: string | undefined): string {
  if (argument !== undefined && flag !== undefined && argument !== flag) {
    throw new UsageError(
      `<name> "${argument}" and --name "${flag}" differ: give the function's name once`,
    );
  }
  const name = argument ?? flag;
  if (name === undefined)
    throw new UsageError("function run needs a function name (<name> or --name)");
  return name;
}

/**
 * `--args` once: a JSON array is the arguments, another value the only one (our form). Repeated:
 * one argument each, as the official CLI takes them; reading only the last would run the
 * function with arguments the user did not give.
 */
function functionArgs(values: string[]): unknown[] {
  if (values.length === 1) {
    const parsed = parseJsonFlag(values[0]!, "--args");
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return values.map((value, i) => parseJsonFlag(value, `--args (#${i + 1})`));
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
  const args = functionArgs(flags.args ?? []);
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
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
