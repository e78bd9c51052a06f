import type { OpenApiDocument } from "../../../spec/json.js";
import type { RepairedSpec } from "../../../spec/pipeline.js";
import { buildModel } from "../../../generator/model/build-model.js";
import type { ApiModel } from "../../../generator/model/types.js";
import { openapi } from "../../helpers/repair-table.js";

export { openapi };

/**
 * A small spec fragment as the generator receives it. No repair runs, so a test sees the
 * generator's own behaviour on exactly the fragment it wrote.
 */
export function fragment(doc: OpenApiDocument, file = "fragment.yaml"): RepairedSpec {
  return { doc: structuredClone(doc), sha256: "0".repeat(64), file, loadFindings: [], repairs: [] };
}

/** The model of a fragment. */
export function modelOf(doc: OpenApiDocument): ApiModel {
  return buildModel(fragment(doc));
}

/** One operation under `path`/`method`, tagged `tag`, with the given parts. */
export function op(
  path: string,
  method: string,
  operation: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  version = "3.1.0",
): OpenApiDocument {
  return openapi(
    {
      paths: {
        [path]: {
          [method]: {
            tags: ["things"],
            responses: { "204": { description: "done" } },
            ...operation,
          },
        },
      },
      ...extra,
    },
    version,
  );
}
