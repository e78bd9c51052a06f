import { printStructure, type SourceFileStructure } from "ts-morph";
import type { RepairedSpec } from "../spec/pipeline.js";
import { apiMarkdown } from "./emit/api-md.js";
import { clientFile } from "./emit/client.js";
import { headerFor } from "./emit/header.js";
import { indexFile } from "./emit/index-file.js";
import { metaJson } from "./emit/meta.js";
import { modelsFile } from "./emit/models.js";
import { operationSchemas } from "./emit/operation-schemas.js";
import { tagFile, tagFileName } from "./emit/tag-file.js";
import { formatGenerated } from "./format.js";
import type { ApiModel } from "./model/types.js";
import type { HelperThread } from "./helper-thread.js";

/** Files the helper thread formats after `schema.ts`, so both threads finish at about the same time. */
const HELPER_FORMATS = new Set(["API.md", "meta.json", "models.ts", "operation-schemas.json"]);

/**
 * Every file of `generated/` for a model, formatted, keyed by relative path in sorted order:
 * `schema.ts` from openapi-typescript on the helper thread, TypeScript files printed once each
 * from ts-morph structures, and the JSON and Markdown indexes; each formatted once, on one of
 * the two threads. Nothing is written here.
 */
export async function renderFiles(
  spec: RepairedSpec,
  model: ApiModel,
  helper: HelperThread,
  formatCache?: string,
): Promise<Map<string, string>> {
  const sha = model.specSha256;
  const schema = helper.schema(spec.doc, sha, spec.file, formatCache);
  // Settled here so a failure elsewhere does not leave it unhandled; awaited below.
  schema.catch(() => undefined);
  const ts = (structure: SourceFileStructure) =>
    headerFor("ts", sha) + printStructure(structure, { indentNumberOfSpaces: 2 });
  const raw = new Map<string, string>([
    ["models.ts", ts(modelsFile(model))],
    ["client.ts", ts(clientFile(model))],
    ["index.ts", ts(indexFile(model))],
    ["API.md", apiMarkdown(model)],
    [
      "operation-schemas.json",
      JSON.stringify(operationSchemas(model, spec.doc, spec.file), null, 2),
    ],
  ]);
  for (const { namespace } of model.namespaces) {
    raw.set(
      tagFileName(namespace),
      ts(tagFile(model.operations.filter((op) => op.namespace === namespace))),
    );
  }
  const names = [...raw.keys(), "meta.json", "schema.ts"].sort();
  raw.set("meta.json", JSON.stringify(metaJson(model, spec.repairs, names), null, 2));
  const helped = helper.format(
    new Map([...raw].filter(([name]) => HELPER_FORMATS.has(name))),
    formatCache,
  );
  helped.catch(() => undefined);
  const formatted = new Map<string, string>();
  for (const [name, text] of raw) {
    if (!HELPER_FORMATS.has(name))
      formatted.set(name, await formatGenerated(name, text, formatCache));
  }
  for (const [name, text] of await helped) formatted.set(name, text);
  formatted.set("schema.ts", await schema);
  return new Map(names.map((name) => [name, formatted.get(name)!]));
}
