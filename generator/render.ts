import { readFileSync } from "node:fs";
import type { RepairedSpec } from "../spec/pipeline.js";
import { apiMarkdown } from "./emit/api-md.js";
import { clientFile, operationTableFile } from "./emit/client.js";
import { headerFor } from "./emit/header.js";
import { indexFile } from "./emit/index-file.js";
import { metaJson } from "./emit/meta.js";
import { modelsFile } from "./emit/models.js";
import { operationSchemas } from "./emit/operation-schemas.js";
import { parametersFile } from "./emit/parameters-file.js";
import { jsonText } from "./emit/json-text.js";
import { prettierLayout } from "./emit/prettier-layout.js";
import { schemaTypes } from "./emit/schema-types.js";
import { tagFile, tagFileName } from "./emit/tag-file.js";
import type { ApiModel } from "./model/types.js";

/** The runtime contract, a real module (generator/runtime/contract.ts) copied unchanged. */
const CONTRACT = new URL("./runtime/contract.ts", import.meta.url);

/**
 * Every file of `generated/` for a model, keyed by relative path in sorted order: `schema.ts`
 * from openapi-typescript, the TypeScript files written as text, the JSON and Markdown indexes.
 * Each is written in prettier's layout as it is made; prettier itself only lays out the few
 * statements whose lines do not fit (prettier-layout.ts). Nothing is written here.
 */
export async function renderFiles(
  spec: RepairedSpec,
  model: ApiModel,
): Promise<Map<string, string>> {
  const ts = (text: string) => headerFor("ts") + text;
  const files = new Map<string, string>([
    ["schema.ts", ts(await schemaTypes(spec.doc, spec.file))],
    ["contract.ts", ts(readFileSync(CONTRACT, "utf8"))],
    ["models.ts", ts(modelsFile(model))],
    ["parameters.ts", ts(parametersFile(model))],
    ["client.ts", ts(clientFile(model))],
    ["operation-table.ts", ts(operationTableFile(model))],
    ["index.ts", ts(indexFile(model))],
    ["API.md", apiMarkdown(model)],
    ["operation-schemas.json", jsonText(operationSchemas(model, spec.doc, spec.file))],
  ]);
  for (const { namespace } of model.namespaces) {
    files.set(
      tagFileName(namespace),
      ts(tagFile(model.operations.filter((op) => op.namespace === namespace))),
    );
  }
  for (const [name, text] of files) {
    if (name.endsWith(".ts") && name !== "schema.ts") files.set(name, await prettierLayout(text));
  }
  const names = [...files.keys(), "meta.json"].sort();
  files.set("meta.json", jsonText(metaJson(model, spec.repairs, names)));
  return new Map(names.map((name) => [name, files.get(name)!]));
}
