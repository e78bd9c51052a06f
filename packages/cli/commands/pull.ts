import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { PullDeclinedError, pullApp, type PullAppResult } from "appservices-admin/config";
import { connectFolder, folderForApp, type FolderFlags } from "../app-folder.js";
import { addConnectionOptions } from "../connection.js";
import type { CliContext } from "../context.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { printJson, printResult } from "../output.js";
import { checkOutputPlace } from "../output-place.js";

interface PullFlags extends FolderFlags {
  includeHosting?: boolean;
  includeDependencies?: boolean;
  includePackageJson?: boolean;
  includeNodeModules?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** Paths a refused pull lists; `pull -x` lists them all. */
const LISTED = 10;

/** `pull`: the app's configuration into a folder, in the official CLI's layout. */
export function pullCommand(program: Command, ctx: CliContext): void {
  const pull = program
    .command("pull")
    .alias("export")
    .description(
      "write the app's configuration into a folder in the official CLI's layout; files already " +
        "right are not rewritten, and a failed pull leaves the folder as it was",
    )
    .option(
      "--local <dir>",
      "the folder (default: the current one if it holds a pulled app, else ./<app name>)",
    )
    .option("--remote <app>", "same as --app-id (the official CLI's name)")
    .option("-s, --include-hosting", "also the hosted files (hosting/files) and their attributes")
    .option("-d, --include-dependencies", "also the functions' dependencies (package.json)")
    .option("--include-package-json", "same as -d (the official CLI's name)")
    .option(
      "--include-node-modules",
      "also the functions' dependencies as the node_modules archive (functions/node_modules.zip)",
    )
    .option(
      "-x, --dry-run",
      "write nothing: list what the pull would write and delete (hosted files are not downloaded)",
    )
    .option(
      "-y, --yes",
      "overwrite and delete files already in the folder (without it, a pull that would is refused)",
    )
    .option(
      "--json",
      'print {"dir","written":[files],"deleted":[files],"unchanged":n,"dryRun"} (with -x: what would be); ' +
        'refused: {"dir","refused":true,"wouldOverwrite":[files],"wouldDelete":[files]}',
    );
  addConnectionOptions(pull).action((flags: PullFlags) =>
    ctx.run(flags, () => runPull(flags, ctx)),
  );
}

async function runPull(flags: PullFlags, ctx: CliContext): Promise<number> {
  const packageJson = flags.includeDependencies || flags.includePackageJson;
  if (packageJson && flags.includeNodeModules) {
    const other = flags.includePackageJson ? "--include-package-json" : "--include-dependencies";
    throw new UsageError(`cannot use both --include-node-modules and ${other} at the same time`);
  }
  const here = existsSync(join(".mdb", "app_meta.json")) || existsSync("realm_config.json");
  let dir = flags.local ?? (here ? "." : undefined);
  if (dir !== undefined) await checkOutputPlace(ctx, dir, "pulled into");
  const { admin, groupId, appId, fetch } = await connectFolder(flags.local ?? ".", flags, ctx);
  if (dir === undefined) {
    // As the official CLI: a new folder named after the app.
    const app = await admin.apps.getApplication({ groupId, appId }, { signal: ctx.signal });
    dir = folderForApp(app.name, appId);
    await checkOutputPlace(ctx, dir, "pulled into");
  }
  const dryRun = flags.dryRun === true;
  let result: PullAppResult;
  try {
    result = await pullApp(admin, {
      groupId,
      appId,
      dir,
      includeHosting: flags.includeHosting === true,
      includeDependencies: flags.includeNodeModules ? "node-modules" : packageJson === true,
      dryRun,
      // Unlike the official CLI, which asks whenever the folder exists: asked only when files
      // there would be lost, and refused rather than asked (commands never prompt).
      confirm: flags.yes === true ? undefined : () => false,
      fetch,
      signal: ctx.signal,
    });
  } catch (error) {
    if (!(error instanceof PullDeclinedError)) throw error;
    const { overwritten, deleted } = error;
    if (flags.json) {
      await printJson(ctx, {
        dir,
        refused: true,
        wouldOverwrite: overwritten,
        wouldDelete: deleted,
      });
      // A CI job reads what a refused pull would change from -o's file, as from stdout.
      ctx.outputWhole = true;
    }
    ctx.io.err(refusal(dir, overwritten, deleted));
    return EXIT.usage;
  }
  await printResult(ctx, flags.json, { dir, ...result, dryRun }, () => {
    const { written, deleted, unchanged } = result;
    const lines = dryRun
      ? [
          ...written.map((file) => `would write   ${file}`),
          ...deleted.map((file) => `would delete  ${file}`),
          `dry run, nothing written: pulling into ${dir} would write ${written.length}, delete ${deleted.length}, leave ${unchanged} unchanged`,
        ]
      : [
          ...written.map((file) => `wrote    ${file}`),
          ...deleted.map((file) => `deleted  ${file}`),
          `pulled into ${dir}: ${written.length} written, ${deleted.length} deleted, ${unchanged} unchanged`,
        ];
    return `${lines.join("\n")}\n`;
  });
  return 0;
}

/** Why a pull was refused, which files it would have lost (the first `LISTED`), and what to do. */
function refusal(dir: string, overwritten: readonly string[], deleted: readonly string[]): string {
  const paths = [
    ...overwritten.map((file) => `  overwrite  ${file}`),
    ...deleted.map((file) => `  delete     ${file}`),
  ];
  const shown = paths.slice(0, LISTED);
  if (paths.length > LISTED) shown.push(`  … and ${paths.length - LISTED} more`);
  return (
    `appservices-admin: pull into ${dir} would overwrite ${overwritten.length} and delete ` +
    `${deleted.length} file(s) there (edited here or changed in the app: a pull cannot tell ` +
    `which); nothing was changed:\n${shown.join("\n")}\n` +
    `pass -y (--yes) to overwrite them, or run pull -x to see every change\n`
  );
}
