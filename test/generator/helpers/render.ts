import { renderSpec } from "../../../generator/generate.js";
import { startHelperThread, type HelperThread } from "../../../generator/helper-thread.js";
import type { OpenApiDocument } from "../../../spec/json.js";
import { fragment } from "./fragment.js";

/** One helper thread for all the renders of a test file (it does not hold the process open). */
let helper: HelperThread | undefined;

/** Every rendered file of a fragment (relative path -> formatted text). */
export async function renderFragment(doc: OpenApiDocument): Promise<Map<string, string>> {
  helper ??= startHelperThread();
  return (await renderSpec({ spec: fragment(doc), helper })).files;
}
