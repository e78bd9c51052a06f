import { Command, CommanderError } from "commander";
import { SDK_VERSION } from "appservices-admin";
import { driftCommand } from "./commands/drift.js";
import { emulatorCommand } from "./commands/emulator.js";
import { hostingCommand } from "./commands/hosting-sync.js";
import { logsCommand } from "./commands/logs.js";
import { addCommands } from "./commands/register.js";
import { ENV } from "./open-client.js";
import { DEFAULT_PROFILE, PROFILE_ENV } from "./profile-store.js";
import type { CliContext } from "./context.js";
import { EXIT, EXIT_CODES_HELP, UsageError } from "./exit-codes.js";
import { addOutputOptions, applyOutputOptions } from "./output-target.js";

const ENVIRONMENT_HELP = `
Environment:
  ${ENV.publicKey}, ${ENV.privateKey}   the API key pair (never printed)
  ${ENV.groupId}   the Atlas project id
  ${ENV.appId}     the app's _id, client_app_id or name (looked up)
  ${ENV.baseUrl}   the Admin API base URL (for the emulator or a proxy)
  ${PROFILE_ENV}   the saved login to use (default "${DEFAULT_PROFILE}"), kept in
    $XDG_CONFIG_HOME/appservices-admin/profiles.json (else ~/.config/...), mode 0600
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY   send through a proxy, except to the hosts listed
  Flags (--public-key, ...) take precedence over the variables; a key pair over a saved login.
  In a pulled folder, its .mdb/app_meta.json names the project and app when neither does.
`;

/**
 * The `appservices-admin` command line: logs, hosting sync, drift and emulator, each with
 * `--help`. Commander's own errors (unknown option, missing argument) exit with 2 through
 * `exitOverride`, like every other usage error.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("appservices-admin")
    .description(
      "MongoDB Atlas App Services Admin API from the command line, built on the appservices-admin SDK",
    )
    .version(SDK_VERSION, "-V, --version")
    .enablePositionalOptions()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => void ctx.io.out(text),
      writeErr: (text) => ctx.io.err(text),
    });
  addCommands(program, ctx);
  logsCommand(program, ctx);
  hostingCommand(program, ctx);
  driftCommand(program, ctx);
  emulatorCommand(program, ctx);
  helpCommand(program);
  program.hook("preAction", async (_program, action) => {
    refuseFlagAsValue(action);
    foldOfficialNames(action);
    ctx.output = await applyOutputOptions(action, ctx);
  });
  applyToAll(program, (command) => {
    addOutputOptions(command);
    command
      .exitOverride()
      .addHelpText("after", `${command === program ? ENVIRONMENT_HELP : ""}${EXIT_CODES_HELP}`);
  });
  return program;
}

/**
 * `help secrets create` shows the help of `secrets create`: commander's own help command reads
 * only the first name and would show the help of `secrets`, silently dropping the rest (and show
 * the program's help for a name it does not know).
 */
function helpCommand(program: Command): void {
  program.helpCommand(false);
  program
    .command("help")
    .argument("[command...]", "the command, and its sub-commands (help apps list)")
    .description("display help for a command")
    .action((names: string[]) => {
      let command = program;
      for (const name of names) {
        const sub = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!sub) {
          const where = command === program ? "" : ` of '${command.name()}'`;
          throw new UsageError(`unknown command '${name}'${where}`);
        }
        command = sub;
      }
      command.help();
    });
}

/**
 * An option's value that is one of the command's own flags is a value left out, most often an
 * empty shell variable (`--value $TOKEN --json`): commander would take the flag as the value and
 * set a secret to "--json".
 */
function refuseFlagAsValue(command: Command): void {
  const flags = new Set(["-h", "--help"]);
  for (const option of command.options) {
    if (option.long) flags.add(option.long);
    if (option.short) flags.add(option.short);
  }
  for (const option of command.options) {
    for (const value of [command.getOptionValue(option.attributeName()) as unknown].flat()) {
      if (typeof value === "string" && flags.has(value)) {
        // Not the flag itself: after --value it is redacted as a secret's value would be.
        throw new UsageError(
          `${option.long ?? option.short} needs a value, not another of the command's flags (an empty variable?)`,
        );
      }
    }
  }
}

/** The official CLI's flag names we take beside ours, by the option each one stands for. */
const OFFICIAL_NAMES: ReadonlyArray<readonly [official: string, ours: string]> = [
  ["app", "appId"],
  ["remote", "appId"],
  ["project", "groupId"],
  ["tail", "follow"],
  ["errors", "errorsOnly"],
  ["apiKey", "publicKey"],
  ["privateApiKey", "privateKey"],
];

/**
 * The official CLI's names (`--app`, `--remote`, `--project`, `--tail`, `--errors`, `login
 * --api-key`, ...) set the option they stand for, so every command reads one name; given with ours
 * (or each other) for different values, the command cannot know which was meant. The key pair's
 * values are never shown, not even redacted.
 */
function foldOfficialNames(command: Command): void {
  for (const [official, ours] of OFFICIAL_NAMES) {
    const value = command.getOptionValue(official) as unknown;
    // A list (`apps delete -a one -a two`) is the command's own to read.
    if (value === undefined || Array.isArray(value)) continue;
    const current = command.getOptionValue(ours) as string | undefined;
    if (current !== undefined && current !== value) {
      const flag = (name: string) => command.options.find((o) => o.attributeName() === name)?.long;
      const values = ours.endsWith("Key")
        ? ""
        : ` (${JSON.stringify(value)}, ${JSON.stringify(current)})`;
      throw new UsageError(
        `${flag(official)} and ${flag(ours)} name different values${values}: give one`,
      );
    }
    command.setOptionValue(ours, value);
  }
}

function applyToAll(command: Command, fn: (command: Command) => void): void {
  fn(command);
  for (const sub of command.commands) applyToAll(sub, fn);
}

/** The exit code for an error commander raised through `exitOverride`. */
export function commanderExitCode(error: CommanderError): number {
  // Help and version display "fail" with exit code 0; every parse error is a usage error.
  return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
}
