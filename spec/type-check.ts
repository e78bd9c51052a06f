import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import type { OpenApiDocument } from "./json.js";

/** What openapi-typescript and `tsc --strict` make of one repaired document. */
export interface TypeCheckResult {
  name: string;
  /** openapi-typescript's message when it refused the document. */
  crash?: string;
  /** `tsc --strict` diagnostics in the emitted file (`file(line,col): error TSxxxx: …`). */
  errors: string[];
  /** Response or request bodies typed `unknown` (a list or object the spec failed to describe). */
  unknownBodies: number;
}

const run = promisify(execFile);

/**
 * Emits each document with openapi-typescript (the generator's options: open records for
 * free-form objects, sorted output) into `outDir`, then type-checks all of them in one
 * TypeScript 7 process with `--strict`, since its start-up would dominate per-file runs.
 */
export async function typeCheckDocuments(
  docs: readonly { name: string; doc: OpenApiDocument }[],
  outDir: string,
): Promise<TypeCheckResult[]> {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  mkdirSync(outDir, { recursive: true });
  const results: TypeCheckResult[] = [];
  for (const { name, doc } of docs) {
    try {
      const source = astToString(
        await openapiTS(doc as never, {
          emptyObjectsUnknown: true,
          alphabetize: true,
          silent: true,
        }),
      );
      writeFileSync(join(outDir, `${name}.ts`), source);
      results.push({
        name,
        errors: [],
        unknownBodies: (source.match(/"[a-z]+\/[\w.+-]+": unknown;/g) ?? []).length,
      });
    } catch (error) {
      results.push({
        name,
        crash: error instanceof Error ? error.message.split("\n")[0] : String(error),
        errors: [],
        unknownBodies: 0,
      });
    }
  }
  const files = results.filter((r) => !r.crash).map((r) => `${r.name}.ts`);
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "bundler",
    },
    files,
  };
  writeFileSync(join(outDir, "tsconfig.json"), JSON.stringify(config, null, 2));
  const tsc = createRequire(import.meta.url)
    .resolve("tsc7/package.json")
    .replace(/package\.json$/, "bin/tsc");
  let output: string;
  try {
    output = (
      await run(process.execPath, [tsc, "-p", join(outDir, "tsconfig.json")], {
        maxBuffer: 1 << 28,
      })
    ).stdout;
  } catch (error) {
    // tsc exits non-zero when it reports diagnostics; they are what we want.
    output = (error as { stdout?: string }).stdout ?? String(error);
  }
  for (const line of output.split("\n")) {
    const match = /^(?:.*[\\/])?([^\\/(]+)\.ts\(\d+,\d+\): error TS/.exec(line);
    if (match) results.find((r) => r.name === match[1])?.errors.push(line.trim());
  }
  return results;
}
