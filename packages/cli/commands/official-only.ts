import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";

/**
 * The official CLI's commands with no command here, by name and aliases, with what does the job
 * instead: a realm-cli user's `accessList list` gets that (exit 2), not a bare "unknown command".
 */
const OFFICIAL_ONLY: ReadonlyArray<{ path: string[]; aliases: string[]; instead: string }> = [
  {
    path: ["accessList"],
    aliases: ["accesslist", "access-list"],
    instead:
      "the app's IP access list is reached through api: api GET '/groups/{groupId}/apps/{appId}/security/access_list' " +
      'lists it, POST there adds an entry (--data \'{"address":"…","comment":"…"}\'), PATCH or DELETE ' +
      "'…/security/access_list/<entry _id>' changes or removes one",
  },
  {
    path: ["schema"],
    aliases: ["schemas"],
    instead:
      "its datamodels (--language <l>) are reached through api: " +
      "api GET '/groups/{groupId}/apps/{appId}/sync/client_schemas/<language>'",
  },
  {
    path: ["profiles"],
    aliases: ["profile"],
    instead:
      "saved logins are the profiles of $XDG_CONFIG_HOME/appservices-admin/profiles.json (else ~/.config/…): " +
      "whoami --profile <name> shows one, login --profile <name> makes one",
  },
  {
    path: ["apps", "init"],
    aliases: [],
    instead:
      "an app is made on the server, not in a local folder first: apps create -n <name>, then pull writes its folder",
  },
];

/** Hidden commands for `OFFICIAL_ONLY`, each refusing with what to use instead. */
export function officialOnlyCommands(program: Command, ctx: CliContext): void {
  for (const { path, aliases, instead } of OFFICIAL_ONLY) {
    const parent = path
      .slice(0, -1)
      .reduce((command, name) => command.commands.find((c) => c.name() === name)!, program);
    const name = path.at(-1)!;
    parent
      .command(name, { hidden: true })
      .aliases(aliases)
      .description(`the official CLI's ${path.join(" ")}, which this CLI has not: ${instead}`)
      .argument("[args...]")
      .allowUnknownOption()
      .action(() =>
        ctx.run({}, () => {
          throw new UsageError(
            `${path.join(" ")} is a command of the official CLI, not of this one: ${instead}`,
          );
        }),
      );
  }
}
