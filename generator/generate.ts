import { repairedPinnedSpec, repairedSpecFile, type RepairedSpec } from "../spec/pipeline.js";
import { buildModel } from "./model/build-model.js";
import type { ApiModel } from "./model/types.js";
import { renderFiles } from "./render.js";
import { assertReplaceable } from "./out-dir.js";
import { writeTreeAtomic } from "./write.js";

export interface GenerateOptions {
  /** The repaired spec; default: the verified pinned spec, repaired. */
  spec?: RepairedSpec;
  /** A spec file to load and repair instead (any version). */
  specFile?: string;
  /**
   * The folder to replace with the output: absent, empty or a previous output of this generator,
   * unless `force` (see out-dir.ts for what is refused even then).
   */
  outDir: string;
  /** Replace `outDir` even when it holds files this generator did not write. */
  force?: boolean;
  /** Called with the repaired spec as soon as it is ready (regen starts its lint there). */
  onSpec?: (spec: RepairedSpec) => void;
  /**
   * Awaited after everything is rendered and before anything is written; a rejection stops the
   * write (regen uses it to gate on the lint it runs meanwhile).
   */
  beforeWrite?: () => Promise<void>;
}

/**
 * Everything `generate` would write, in memory: the repaired spec, its model and the formatted
 * files (relative path -> text). `check:generated` compares this with the committed tree.
 */
export async function renderSpec(
  options: Pick<GenerateOptions, "spec" | "specFile" | "onSpec"> = {},
): Promise<{ spec: RepairedSpec; model: ApiModel; files: Map<string, string> }> {
  const spec =
    options.spec ?? (options.specFile ? repairedSpecFile(options.specFile) : repairedPinnedSpec());
  options.onSpec?.(spec);
  const model = buildModel(spec);
  return { spec, model, files: await renderFiles(spec, model) };
}

export interface GenerateResult {
  model: ApiModel;
  spec: RepairedSpec;
  /** Relative paths written, sorted. */
  files: string[];
  bytes: number;
}

/**
 * Generates the SDK sources for a spec into `outDir`: repaired spec -> plain model -> rendered and
 * formatted files -> one atomic replace of `outDir`. Any failure (a folder that is not ours, bad
 * spec, unsupported construct, name collision, a rejected `beforeWrite`) throws before the write,
 * leaving the previous output untouched.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const guard = { force: options.force === true };
  // Before rendering too, so a wrong --out is refused at once rather than after a minute's work.
  assertReplaceable(options.outDir, guard);
  const { spec, model, files } = await renderSpec(options);
  await options.beforeWrite?.();
  writeTreeAtomic(options.outDir, files, guard);
  let bytes = 0;
  for (const text of files.values()) bytes += Buffer.byteLength(text);
  return { model, spec, files: [...files.keys()], bytes };
}
