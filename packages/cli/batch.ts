import type { CliContext } from "./context.js";
import { EXIT, InterruptedError, UsageError } from "./exit-codes.js";
import { printJson } from "./output.js";
import { exitCodeOf, report } from "./report.js";

/** One thing a command acts on: the id it sends and how it is shown. */
export interface Target {
  id: string;
  label: string;
}

/** How each target fared. */
export interface BatchResult {
  done: Target[];
  failed: { target: Target; error: unknown }[];
}

/**
 * Runs `action` on each target in turn, once per id. One target fails as any command does (its
 * error is reported on its own with its exit code); with several, a failure is recorded and the
 * others still run, the way the official CLI deletes several users or secrets.
 */
export async function eachTarget<T extends Target>(
  ctx: CliContext,
  targets: readonly T[],
  action: (target: T) => Promise<void>,
): Promise<BatchResult> {
  // One thing named twice (twice by name, or by name and by id) is acted on once: a second
  // delete would fail with 404 and turn a complete run into exit 1.
  const unique = targets.filter((t, i) => targets.findIndex((u) => u.id === t.id) === i);
  const result: BatchResult = { done: [], failed: [] };
  for (const target of unique) {
    if (ctx.signal.aborted) throw new InterruptedError();
    try {
      await action(target);
      result.done.push(target);
    } catch (error) {
      if (unique.length === 1 || ctx.signal.aborted) throw error;
      result.failed.push({ target, error });
    }
  }
  return result;
}

/**
 * Prints a batch: one line per target (`verb  label`, `failed  label: why`) or, with `--json`,
 * `{"<verb>": [ids], "failed": [{id, error}]}`. Exit 0 when all succeeded, 1 when some failed,
 * and the first failure's own code when all of them did.
 */
export async function printBatch(
  ctx: CliContext,
  json: boolean | undefined,
  verb: string,
  result: BatchResult,
): Promise<number> {
  const why = (error: unknown) => failureText(error, ctx);
  if (json) {
    await printJson(ctx, {
      [verb]: result.done.map((t) => t.id),
      failed: result.failed.map((f) => ({ id: f.target.id, error: why(f.error) })),
    });
  } else {
    const lines = [
      ...result.done.map((t) => `${verb}  ${t.label}`),
      ...result.failed.map((f) => `failed  ${f.target.label}: ${why(f.error)}`),
    ];
    await ctx.io.out(lines.map((line) => `${line}\n`).join(""));
  }
  if (result.failed.length === 0) return EXIT.ok;
  return result.done.length === 0 ? exitCodeOf(result.failed[0]!.error) : EXIT.incomplete;
}

/** A failure as the one line `report` would print, without the program's name. */
export function failureText(error: unknown, ctx: CliContext): string {
  return report(error, ctx.io.redactor, false)
    .text.replace(/^appservices-admin: /, "")
    .trim();
}

/**
 * The items named by `wanted` (each a name or an `_id`, as the official CLI accepts them), in
 * the order given. A name that matches nothing fails before anything is changed.
 */
export function resolveTargets(
  items: readonly { _id?: string | undefined; name?: string | undefined }[],
  wanted: readonly string[],
  kind: string,
): Target[] {
  const missing: string[] = [];
  const targets = wanted.flatMap((w) => {
    const item = items.find((i) => i._id === w) ?? items.find((i) => i.name === w);
    if (item?._id === undefined) {
      missing.push(w);
      return [];
    }
    return [{ id: item._id, label: item.name ? `${item.name} (${item._id})` : item._id }];
  });
  if (missing.length > 0) {
    const known = items.map((i) => i.name ?? i._id).join(", ") || "none";
    throw new UsageError(
      `no ${kind} named ${missing.map((m) => `"${m}"`).join(", ")} (known: ${known})`,
    );
  }
  if (targets.length === 0) throw new UsageError(`name at least one ${kind}`);
  return targets;
}
