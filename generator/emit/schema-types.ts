import { createRequire } from "node:module";
import type * as OpenapiTypescript from "openapi-typescript";
import type { GlobalContext, OpenAPI3, SchemaObject } from "openapi-typescript";
import type TypeScript from "typescript";
import type { OpenApiDocument } from "../../spec/json.js";
import { deepestPlace, isStackOverflow } from "../../spec/depth.js";
import { GeneratorError } from "../errors.js";
import { prettierLayout } from "./prettier-layout.js";

// openapi-typescript's transform and printer, and TypeScript, are loaded as CommonJS: Node's ESM
// loader would run its format detection and export lexer over TypeScript's 9 MB file first (about
// as long again as loading it), and the package root would load all of @redocly/openapi-core for
// the lint and bundle steps that are skipped here (see schemaTypes). The modules are
// openapi-typescript's own public files (its exports map lists `./*`); the types are its root's.
const loadCjs = createRequire(import.meta.url);
const ts = loadCjs("typescript") as typeof TypeScript;
const transformSchema = loadCjs(
  "openapi-typescript/dist/transform/index.cjs",
) as typeof OpenapiTypescript.transformSchema;
const { astToString } = loadCjs("openapi-typescript/dist/lib/ts.cjs") as Pick<
  typeof OpenapiTypescript,
  "astToString"
>;
const { resolveRef, scanDiscriminators } = loadCjs("openapi-typescript/dist/lib/utils.cjs") as Pick<
  typeof OpenapiTypescript,
  "resolveRef" | "scanDiscriminators"
>;

const BINARY = [
  ts.factory.createTypeReferenceNode("Blob"),
  ts.factory.createTypeReferenceNode("Uint8Array"),
];
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

/**
 * `format: binary` is bytes on the wire, not a string: callers pass a Blob (browser, Node's
 * `fs.openAsBlob`) or a Uint8Array (Buffer), and a `parseAs: "blob"` response is a Blob. The
 * transform runs before openapi-typescript's own nullable handling, so null is added here.
 */
function binaryAsBytes(schema: SchemaObject): TypeScript.TypeNode | undefined {
  if (!("format" in schema) || schema.format !== "binary") return undefined;
  const type = "type" in schema ? schema.type : undefined;
  const nullable =
    ("nullable" in schema && schema.nullable === true) ||
    (Array.isArray(type) && type.includes("null"));
  return ts.factory.createUnionTypeNode(nullable ? [...BINARY, NULL] : BINARY);
}

/**
 * The `paths` / `components` / `operations` types of a repaired spec, as openapi-typescript
 * prints them, in prettier's layout (without header). Its transform runs on the document as it is:
 * `openapiTS()` would first lint it with redocly (regen's own lint and the model's checks,
 * duplicate operationIds included, cover that) and bundle it, which for one document whose
 * `$ref`s are all local (the repaired spec; assertRepairedShape refuses any other) returns the
 * same document after a walk of all of it. The context is the one `openapiTS()` builds, with these
 * options, and why:
 * - `emptyObjectsUnknown`: a free-form `type: object` becomes `Record<string, unknown>`, not
 *   `Record<string, never>`, which could hold no key (openapi-ts/openapi-typescript#1004);
 * - `defaultNonNullable: false`: a property with a `default` stays optional, since a client may
 *   omit it in a request (the server fills it in);
 * - `alphabetize`: members sorted, so a spec reordering does not churn the diff;
 * - `readWriteMarkers`: `readOnly`/`writeOnly` properties as `$Read<T>`/`$Write<T>`, which
 *   `Writable` (request bodies) and `Readable` (results, models) remove or unwrap, so a body never
 *   needs a server-assigned `_id` and a result's required `_id` is a plain `string`;
 * - `transform`: `format: binary` as `Blob | Uint8Array`.
 */
export async function schemaTypes(doc: OpenApiDocument, file?: string): Promise<string> {
  try {
    // The transform adds to the objects it is given (discriminator mappings), so it gets a copy.
    const schema = structuredClone(doc) as unknown as OpenAPI3;
    const ctx: Omit<GlobalContext, "redoc"> = {
      additionalProperties: false,
      alphabetize: true,
      arrayLength: false,
      defaultNonNullable: false,
      discriminators: scanDiscriminators(schema, {}),
      emptyObjectsUnknown: true,
      enum: false,
      enumValues: false,
      conditionalEnums: false,
      dedupeEnums: false,
      excludeDeprecated: false,
      exportType: false,
      immutable: false,
      rootTypes: false,
      rootTypesNoSchemaPrefix: false,
      rootTypesKeepCasing: false,
      injectFooter: [],
      pathParamsAsTypes: false,
      postTransform: undefined,
      propertiesRequiredByDefault: false,
      silent: true,
      transform: binaryAsBytes,
      transformProperty: undefined,
      makePathsEnum: false,
      generatePathParams: false,
      readWriteMarkers: true,
      resolve: ($ref) => resolveRef(schema, $ref, { silent: true }),
    };
    // `redoc` (a redocly config) is read only by the lint and bundle steps skipped above.
    const ast = transformSchema(schema, ctx as GlobalContext);
    return await prettierLayout(reindent(astToString(ast)), true);
  } catch (error) {
    if (isStackOverflow(error)) {
      const { pointer, depth } = deepestPlace(doc);
      throw new GeneratorError(
        `openapi-typescript ran out of stack: the spec nests too deeply for it (${depth} levels at this, its deepest place)`,
        { file, pointer },
      );
    }
    throw new GeneratorError(
      `openapi-typescript failed: ${error instanceof Error ? error.message : String(error)}`,
      { file },
    );
  }
}

/**
 * TypeScript's printer indents by four spaces and a JSDoc's continuation lines by one more;
 * prettier indents by two. Everything else it prints as prettier would while lines fit (see
 * prettier-layout.ts for the rest).
 */
function reindent(text: string): string {
  return text.replace(/^ +/gm, (spaces) => {
    const n = spaces.length;
    return " ".repeat((n >> 2) * 2 + (n & 3));
  });
}
