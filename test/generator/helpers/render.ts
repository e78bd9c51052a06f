import { renderSpec } from "../../../generator/generate.js";
import type { OpenApiDocument } from "../../../spec/json.js";
import { fragment } from "./fragment.js";

/** Every rendered file of a fragment (relative path -> formatted text). */
export async function renderFragment(doc: OpenApiDocument): Promise<Map<string, string>> {
  return (await renderSpec({ spec: fragment(doc) })).files;
}
