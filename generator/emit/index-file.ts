import type { ApiModel } from "../model/types.js";
import { tagFileName } from "./tag-file.js";

/**
 * `index.ts`: the schema types (`paths`, `components`, and the whole module as `schema`, since its
 * `operations` interface would clash with the `operations` table), every model, the client (which
 * re-exports the contract's types), and each namespace's operation module under its name.
 */
export function indexFile(model: ApiModel): string {
  return (
    'export type { components, paths } from "./schema.js";\n' +
    'export type * as schema from "./schema.js";\n' +
    'export type * from "./models.js";\n' +
    'export * from "./client.js";\n' +
    'export * from "./operation-table.js";\n' +
    model.namespaces
      .map(
        ({ namespace }) =>
          `export * as ${namespace} from "./${tagFileName(namespace).replace(/\.ts$/, ".js")}";\n`,
      )
      .join("")
  );
}
