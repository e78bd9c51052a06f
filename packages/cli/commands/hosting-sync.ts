import type { Command } from "commander";
import { DEFAULT_SYNC_CONCURRENCY, syncHosting, type SyncResult } from "appservices-admin";
import { connectFolder } from "../app-folder.js";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { parsePositive } from "../dates.js";
import { EXIT } from "../exit-codes.js";
import { checkOutputPlace } from "../output-place.js";
import { progressView } from "../progress.js";
import { report } from "../report.js";

interface SyncFlags extends ConnectionFlags {
  dryRun?: boolean;
  delete?: boolean;
  concurrency?: string;
  invalidate?: boolean;
  ignore?: string[];
  quiet?: boolean;
  json?: boolean;
}

/** `appservices-admin hosting sync <dir>`: makes the app's hosted files match a folder. */
export function hostingCommand(program: Command, ctx: CliContext): void {
  const hosting = program
    .command("hosting")
    .description("static hosting: sync a folder to the app's hosted files");
  const sync = hosting
    .command("sync")
    .description(
      "upload new and changed files, update changed attributes, optionally delete remote-only files, then invalidate the CDN cache",
    )
    .argument("<dir>", "the local folder (dir/a/b.html becomes /a/b.html)")
    .option("--dry-run", "only list what would change; send nothing that changes anything")
    .option("--delete", "delete hosted files that have no local file")
    .option("--concurrency <n>", "requests in flight at most", String(DEFAULT_SYNC_CONCURRENCY))
    .option(
      "--no-invalidate",
      "leave the CDN cache alone (by default it is invalidated once everything succeeded)",
    )
    .option(
      "--ignore <pattern>",
      'leave paths matching this gitignore pattern alone on both sides (repeatable; several lines allowed, so --ignore "$(cat .gitignore)" works)',
      (pattern: string, previous: string[] = []) => [...previous, pattern],
    )
    .option("-q, --quiet", "no progress on stderr (the result is still printed)")
    .option("--json", "print the result as one JSON object");
  addConnectionOptions(sync).action((dir: string, flags: SyncFlags) =>
    ctx.run(flags, () => runSync(dir, flags, ctx)),
  );
}

async function runSync(dir: string, flags: SyncFlags, ctx: CliContext): Promise<number> {
  const concurrency = parsePositive(
    flags.concurrency ?? String(DEFAULT_SYNC_CONCURRENCY),
    "--concurrency",
  );
  await checkOutputPlace(ctx, dir, "synced");
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const dryRun = flags.dryRun === true;
  const view = await progressView(ctx.io, { quiet: flags.quiet === true });
  let result: SyncResult | undefined;
  try {
    result = await syncHosting(admin, {
      groupId,
      appId,
      dir,
      dryRun,
      deleteRemoved: flags.delete === true,
      concurrency,
      invalidateCache: flags.invalidate !== false && !dryRun,
      ignore: flags.ignore,
      onProgress: (p) => view.update(p),
      signal: ctx.signal,
    });
  } finally {
    view.close(result !== undefined);
  }
  await ctx.io.out(
    flags.json ? `${JSON.stringify(jsonResult(result, ctx))}\n` : summary(result, ctx),
  );
  return result.failed.length > 0 ? EXIT.incomplete : EXIT.ok;
}

/** One line per changed path, then the counts. */
function summary(result: SyncResult, ctx: CliContext): string {
  const verb = (done: string, planned: string) => (result.dryRun ? planned : done);
  const lines = [
    ...result.uploaded.map((p) => `${verb("uploaded", "would upload")}  ${p}`),
    ...result.attrsUpdated.map(
      (p) => `${verb("updated attributes", "would update attributes")}  ${p}`,
    ),
    ...result.deleted.map((p) => `${verb("deleted", "would delete")}  ${p}`),
    ...result.failed.map((f) => `failed (${f.operation})  ${f.path}: ${failureText(f.error, ctx)}`),
  ];
  const counts =
    `${result.uploaded.length} to upload, ${result.attrsUpdated.length} attributes, ${result.deleted.length} to delete, ` +
    `${result.unchanged} unchanged, ${result.failed.length} failed`;
  const tail = result.dryRun
    ? `dry run: ${counts}; nothing was changed`
    : `${counts.replace("to upload", "uploaded").replace("to delete", "deleted")}${result.cacheInvalidated ? "; cache invalidated" : ""}`;
  return `${[...lines, tail].join("\n")}\n`;
}

function jsonResult(result: SyncResult, ctx: CliContext): unknown {
  return {
    ...result,
    failed: result.failed.map((f) => ({ ...f, error: failureText(f.error, ctx) })),
  };
}

/** A failed path's cause as the one line `report` would print, without its prefix. */
function failureText(error: unknown, ctx: CliContext): string {
  return report(error, ctx.io.redactor, false)
    .text.replace(/^appservices-admin: /, "")
    .trim();
}
