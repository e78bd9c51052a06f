/**
 * The generated functions call `sendOperation`, which is typed loosely, so the compiler does not
 * match 183 calls against openapi-fetch's path types in every project that uses the SDK. This
 * test proves once that it would agree: for every pinned operation it writes the call the
 * function makes as a typed openapi-fetch call (method, path, the params' path and query members,
 * `body`, `parseAs` of a binary or text result) and checks, under strict TypeScript 7, that it
 * compiles and that openapi-fetch's `data` and the generated `XResult` are assignable both ways.
 * A wrong path, method, parameter name or location, body or result type fails it.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { tagFileName } from "../../generator/emit/tag-file.js";
import { buildModel } from "../../generator/model/build-model.js";
import type { OperationModel } from "../../generator/model/types.js";
import { repairedPinnedSpec } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";

const model = buildModel(repairedPinnedSpec());
mkdirSync(join(projectRoot, ".cache"), { recursive: true });
const dir = mkdtempSync(join(projectRoot, ".cache", "path-typing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(op: OperationModel): string {
  const ns = op.namespace;
  const group = (where: "path" | "query") => {
    const names = op.parameters.filter((p) => p.in === where).map((p) => p.name);
    return names.length === 0
      ? []
      : [
          `${where}: { ${names.map((n) => `${JSON.stringify(n)}: p[${JSON.stringify(n)}]`).join(", ")} }`,
        ];
  };
  const params = [...group("path"), ...group("query")];
  const parse = op.success.find((r) => r.kind && r.kind !== "json")?.kind;
  const fields = [
    ...(params.length > 0 ? [`params: { ${params.join(", ")} }`] : []),
    ...(op.body ? ["body: p.body"] : []),
    ...(parse ? [`parseAs: "${parse === "text" ? "text" : "blob"}" as const`] : []),
  ];
  const result = `${ns}.${op.typeStem}Result`;
  return (
    `export async function ${op.operationId}(p: ${ns}.${op.typeStem}Params) {\n` +
    `  const { data } = await client.${op.method}(${JSON.stringify(op.path)}, { ${fields.join(", ")} });\n` +
    // With several response media types openapi-fetch's data is all of them; ours is the default.
    (op.accepts ? "" : `  const fromFetch: ${result} | undefined = data;\n`) +
    `  const fromGenerated: typeof data = value<${result}>();\n` +
    `  return [data, fromGenerated];\n}\n`
  );
}

describe("the generated operations agree with openapi-fetch's path types", () => {
  it("type-checks one typed openapi-fetch call per pinned operation", async () => {
    const generated = join(projectRoot, "generated");
    const source =
      'import type { Client } from "openapi-fetch";\n' +
      `import type { paths } from ${JSON.stringify(join(generated, "schema.js"))};\n` +
      model.namespaces
        .map(
          ({ namespace }) =>
            `import type * as ${namespace} from ${JSON.stringify(join(generated, tagFileName(namespace).replace(/\.ts$/, ".js")))};\n`,
        )
        .join("") +
      "declare const client: Client<paths>;\n" +
      "declare function value<T>(): T;\n" +
      model.operations.map(check).join("");
    writeFileSync(join(dir, "checks.ts"), source);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        include: ["checks.ts"],
        exclude: [],
        compilerOptions: { noEmit: true, noUnusedLocals: false },
      }),
    );
    const tsc = join(projectRoot, "node_modules", "tsc7", "bin", "tsc");
    const output = await promisify(execFile)(
      process.execPath,
      [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"],
      {
        maxBuffer: 1 << 26,
      },
    ).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`,
    );
    expect(output.split("\n").filter(Boolean).slice(0, 10)).toEqual([]);
    expect(model.operations.length).toBeGreaterThan(100);
  }, 120_000);
});
