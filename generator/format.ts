import { readFileSync } from "node:fs";
import { join } from "node:path";
import { format, version, type Options } from "prettier";
import { formatWithCache } from "./format-cache.js";
import { projectRoot } from "../spec/source.js";

/** The project's prettier options, read once, so `npm run format` leaves generated files as they are. */
let projectOptions: Options | undefined;

const PARSERS: Record<string, string> = {
  // babel-ts prints TypeScript exactly as the typescript parser does, in about half the time.
  ".ts": "babel-ts",
  ".json": "json",
  ".md": "markdown",
};

/**
 * Formats one generated file with prettier and the project's `.prettierrc.json`, by extension.
 * One pass per file; the result is what is written. With `cacheDir`, unchanged files are taken
 * from the format cache (see format-cache.ts) instead of being formatted again.
 */
export async function formatGenerated(
  path: string,
  text: string,
  cacheDir?: string,
): Promise<string> {
  projectOptions ??= JSON.parse(
    readFileSync(join(projectRoot, ".prettierrc.json"), "utf8"),
  ) as Options;
  const parser = PARSERS[path.slice(path.lastIndexOf("."))];
  if (!parser) throw new Error(`no prettier parser for generated file ${path}`);
  const options = { ...projectOptions, parser };
  const run = (input: string) => format(input, options);
  if (!cacheDir) return run(text);
  return formatWithCache(cacheDir, `prettier ${version} ${JSON.stringify(options)}`, text, run);
}
