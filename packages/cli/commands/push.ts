import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { Option, type Command } from "commander";
import {
  diffApp,
  formatAppDiff,
  pushApp,
  PushAppError,
  type AppDiff,
  type DependencySource,
  type HostingChanges,
} from "appservices-admin/config";
import { DeploymentFailedError, DeploymentTimeoutError, type AdminClient } from "appservices-admin";
import { connectFolder, type FolderFlags } from "../app-folder.js";
import { addConnectionOptions } from "../connection.js";
import type { CliContext } from "../context.js";
import { parsePositive } from "../dates.js";
import { EXIT, InterruptedError, UsageError } from "../exit-codes.js";
import { checkOutputPlace } from "../output-place.js";
import { printJson } from "../output.js";
import { deploymentMayRun, timedOutLine } from "../report.js";

interface PushFlags extends FolderFlags {
  includeHosting?: boolean;
  includeNodeModules?: boolean;
  includePackageJson?: boolean;
  includeDependencies?: boolean;
  resetCdnCache?: boolean;
  dryRun?: boolean;
  onExistingDraft?: "fail" | "discard" | "reuse";
  timeout?: string;
  exitCode?: boolean;
  json?: boolean;
}

/** `diff` (also `apps diff`, the official CLI's place for it): what a push would change. */
export function diffCommand(parent: Command, ctx: CliContext): void {
  const diff = parent
    .command("diff")
    .description(
      "what a push of the folder would change, per resource (added, changed, removed), and the server's own diff",
    )
    .option("--local <dir>", "the app folder (default: the current one)")
    .option("--remote <app>", "same as --app-id (the official CLI's name)")
    .option("-s, --include-hosting", "also compare hosting/files with the hosted files");
  addDependencyOptions(diff, "include in the diff")
    .option("--exit-code", "exit 1 when there are differences, 0 when there are none")
    .option(
      "--json",
      'print {"changes","serverDiff","hosting" (with -s),"dependencies" (with a dependencies flag),"configChanged","hasChanges"}',
    );
  addConnectionOptions(diff).action((flags: PushFlags) =>
    ctx.run(flags, () => runDiff(flags, ctx)),
  );
}

/**
 * The official CLI's three dependencies flags (internal/commands/push/command.go): node_modules
 * from an archive or the folder, or package.json; `-d` is its older name for the first.
 */
function addDependencyOptions(command: Command, what: string): Command {
  return command
    .option(
      "--include-node-modules",
      `${what} the functions' dependencies: functions/node_modules.zip (or .tar, .tar.gz, .tgz) as it is, else the functions/node_modules folder zipped`,
    )
    .option(
      "--include-package-json",
      `${what} the functions' dependencies as functions/package.json (the server installs them)`,
    )
    .option(
      "-d, --include-dependencies",
      "same as --include-node-modules (the official CLI's older name)",
    );
}

/** The dependencies the flags ask for; both kinds at once is a usage error, worded as the official CLI's. */
function dependencySource(flags: PushFlags): DependencySource | undefined {
  if (flags.includePackageJson) {
    const other = flags.includeNodeModules
      ? "--include-node-modules"
      : flags.includeDependencies
        ? "--include-dependencies"
        : undefined;
    if (other)
      throw new UsageError(`cannot use both ${other} and --include-package-json at the same time`);
    return "package-json";
  }
  return flags.includeNodeModules || flags.includeDependencies ? "node-modules" : undefined;
}

/** `diff` and `push`: a folder against the app, and the folder into the app through a draft. */
export function pushCommands(program: Command, ctx: CliContext): void {
  diffCommand(program, ctx);
  const push = program
    .command("push")
    .alias("import")
    .description(
      "check the folder (schemas, secrets), then import it into a draft, deploy and wait; " +
        "nothing to change: no deployment; a failed deployment discards the draft",
    )
    .option("--local <dir>", "the app folder (default: the current one)")
    .option("--remote <app>", "same as --app-id (the official CLI's name)")
    .option("-x, --dry-run", "check and diff only; change nothing")
    .option("-s, --include-hosting", "also sync hosting/files (after the deployment)");
  addDependencyOptions(push, "also push (after the deployment; the installation is waited for)")
    .option(
      "-c, --reset-cdn-cache",
      "with -s: once the sync changed a hosted file, invalidate the CDN cache (every path)",
    )
    .addOption(
      new Option("--on-existing-draft <policy>", "a draft already open: fail, discard or reuse it")
        .choices(["fail", "discard", "reuse"])
        .default("fail"),
    )
    .option("--timeout <seconds>", "how long to wait for the deployment (default 600; exit 8)")
    .option(
      "-y, --yes",
      "accepted, as the official CLI's: push never asks (a draft already open: --on-existing-draft)",
    )
    .option("--json", 'print {"diff","deployment","hosting","dependencies","dryRun"}');
  addConnectionOptions(push).action((flags: PushFlags) =>
    ctx.run(flags, () => runPush(flags, ctx)),
  );
}

async function runDiff(flags: PushFlags, ctx: CliContext): Promise<number> {
  const includeDependencies = dependencySource(flags);
  const dir = folder(flags);
  await checkOutputPlace(ctx, dir, "diffed");
  const missing = missingHostingFiles(dir, flags);
  const { admin, groupId, appId } = await connectFolder(dir, flags, ctx);
  if (missing) await refuseHostingDeletion(admin, { groupId, appId }, missing, ctx.signal);
  const diff = withoutHostingFiles(
    await diffApp(admin, {
      groupId,
      appId,
      dir,
      includeHosting: flags.includeHosting === true && !missing,
      includeDependencies,
      signal: ctx.signal,
    }),
    missing,
  );
  if (flags.json) await printJson(ctx, diff);
  else await ctx.io.out(formatAppDiff(diff));
  return flags.exitCode && diff.hasChanges ? EXIT.incomplete : EXIT.ok;
}

async function runPush(flags: PushFlags, ctx: CliContext): Promise<number> {
  // The official CLI ignores -c without -s; a flag with nothing to act on is refused here.
  if (flags.resetCdnCache && !flags.includeHosting) {
    throw new UsageError(
      "--reset-cdn-cache (-c) invalidates the cache of the hosted files a push syncs: it needs --include-hosting (-s)",
    );
  }
  const includeDependencies = dependencySource(flags);
  const dir = folder(flags);
  await checkOutputPlace(ctx, dir, "pushed");
  const missing = missingHostingFiles(dir, flags);
  const timeoutMs = parsePositive(flags.timeout ?? "600", "--timeout") * 1000;
  const { admin, groupId, appId } = await connectFolder(dir, flags, ctx);
  if (missing) await refuseHostingDeletion(admin, { groupId, appId }, missing, ctx.signal);
  let deploymentId: string | undefined;
  let result;
  try {
    result = await pushApp(admin, {
      groupId,
      appId,
      dir,
      dryRun: flags.dryRun === true,
      includeHosting: flags.includeHosting === true && !missing,
      invalidateCache: flags.resetCdnCache === true,
      includeDependencies,
      onExistingDraft: flags.onExistingDraft,
      timeoutMs,
      signal: ctx.signal,
      onStatus: (status, deployment) => {
        deploymentId = deployment._id ?? deploymentId;
        if (!flags.json) ctx.io.err(`deployment ${deployment._id ?? ""}: ${status}\n`);
      },
    });
    result = { ...result, diff: withoutHostingFiles(result.diff, missing) };
  } catch (error) {
    throw (
      (ctx.signal.aborted && interruptedDeployment(deploymentId)) ||
      withCliNextStep(error, `/groups/${groupId}/apps/${appId}`, flags)
    );
  }
  // -c acts only when hosted files change: a dry run says whether the push would reset the cache.
  const planned = result.diff.hosting;
  const wouldInvalidateCache =
    result.dryRun && flags.resetCdnCache
      ? planned !== undefined &&
        planned.upload.length + planned.patch.length + planned.delete.length > 0
      : undefined;
  if (flags.json) {
    await printJson(ctx, { ...result, wouldInvalidateCache });
    return 0;
  }
  const { diff, deployment, hosting, dependencies } = result;
  const cache =
    wouldInvalidateCache === undefined
      ? ""
      : `; -c: would ${wouldInvalidateCache ? "invalidate the CDN cache (hosted files would change)" : "not invalidate the CDN cache (no hosted file would change)"}`;
  const tail = result.dryRun
    ? `dry run: nothing was changed${cache}`
    : !diff.hasChanges
      ? "nothing to push: no deployment created"
      : [
          deployment ? `deployed: deployment ${deployment._id} ${deployment.status}` : "",
          hosting
            ? `hosting: ${hosting.uploaded.length} uploaded, ${hosting.attrsUpdated.length} attributes, ${hosting.deleted.length} deleted${hosting.cacheInvalidated ? ", CDN cache invalidated" : ""}`
            : "",
          dependencies ? `dependencies: ${dependencies.path} installed` : "",
        ]
          .filter(Boolean)
          .join("; ");
  await ctx.io.out(`${diff.hasChanges ? formatAppDiff(diff) : ""}${tail}\n`);
  return 0;
}

/** `--local`, which must be a folder. */
function folder(flags: PushFlags): string {
  const dir = flags.local ?? ".";
  if (!isFolder(dir)) throw new UsageError(`--local ${dir}: no such folder`);
  return dir;
}

/**
 * With -s, a `hosting/files` that is not there (the path of the folder, when it is missing). A
 * path there that is not a folder is refused at once (exit 2), before anything is sent.
 */
function missingHostingFiles(dir: string, flags: PushFlags): string | undefined {
  if (!flags.includeHosting) return undefined;
  const files = join(dir, "hosting", "files");
  if (isFolder(files)) return undefined;
  if (existsSync(files)) {
    throw new UsageError(
      `--include-hosting (-s): ${files} is not a folder: hosted files go in a folder there, or leave -s out`,
    );
  }
  return files;
}

/**
 * A missing `hosting/files` is what a pull -s of an app without hosted files leaves once it has
 * been through git (which keeps no empty folder): it stands for "no hosted files" only while the
 * app has none, so nothing is synced. With hosted files on the app, a sync of it would delete
 * them all: refused (exit 2), saying how many and the ways on. The SDK would refuse it too, but
 * as an API failure (exit 5) naming its own option.
 */
async function refuseHostingDeletion(
  admin: AdminClient,
  app: { groupId: string; appId: string },
  files: string,
  signal: AbortSignal,
): Promise<void> {
  const assets = await admin.hosting.getAllHostedAssets(app, { signal });
  if (assets.length === 0) return;
  throw new UsageError(
    `--include-hosting (-s): ${files} is not a folder, and the app has ${assets.length} hosted ` +
      `file(s), which syncing it would delete: pull -s writes them there; to delete them, make ` +
      `it an empty folder (mkdir -p ${files}) and run again; or leave -s out`,
  );
}

const NO_HOSTING_CHANGES: HostingChanges = { upload: [], patch: [], delete: [] };

/** A diff without the hosting part a missing `hosting/files` skipped: -s shows it, empty. */
function withoutHostingFiles(diff: AppDiff, missing: string | undefined): AppDiff {
  return missing ? { ...diff, hosting: NO_HOSTING_CHANGES } : diff;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function interruptedDeployment(deploymentId: string | undefined): InterruptedError | undefined {
  if (deploymentId === undefined) return undefined;
  return new InterruptedError(deploymentMayRun(deploymentId));
}

/**
 * The SDK's next step for a failed push, in this CLI's words where it names an SDK call. The two
 * failures a CI log shows most, a failed deployment and --timeout, get a line of this CLI's own:
 * the SDK's names the SDK's calls (waitForDeployment), which a log reader cannot run.
 */
function withCliNextStep(error: unknown, appPath: string, flags: PushFlags): unknown {
  if (!(error instanceof PushAppError)) return error;
  if (error.cause instanceof DeploymentTimeoutError) {
    const later = [
      flags.includeHosting ? "hosting/files" : "",
      dependencySource(flags) ? "the dependencies" : "",
    ].filter(Boolean);
    error.message = `push failed: ${timedOutLine(error.cause)}${
      later.length > 0
        ? `; ${later.join(" and ")} ${later.length > 1 ? "were" : "was"} not pushed: push again once it has succeeded`
        : ""
    }`;
    return error;
  }
  if (error.cause instanceof DeploymentFailedError && error.progress.draftDiscarded) {
    error.message = `push failed: ${error.cause.message}; its draft was discarded, so the app is as before: fix the cause and push again`;
    return error;
  }
  const extra = error.nextStep.includes("invalidateHostingCache")
    ? ` With this CLI: appservices-admin api PUT ${appPath}/hosting/cache --data '{"invalidate":true,"path":"/*"}'`
    : error.nextStep.includes("includeDependencies")
      ? " With this CLI: push again with the same dependencies flag"
      : error.progress.hostingApplied.length > 0
        ? " With this CLI: appservices-admin push --include-hosting"
        : "";
  if (extra) error.message += extra;
  return error;
}
