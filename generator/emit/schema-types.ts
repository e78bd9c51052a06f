import { createConfig } from "@redocly/openapi-core";
import openapiTS, { astToString, type OpenAPI3, type SchemaObject } from "openapi-typescript";
import ts from "typescript";
import type { OpenApiDocument } from "../../spec/json.js";
import { GeneratorError } from "../errors.js";
import { prettierLayout } from "./prettier-layout.js";

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
function binaryAsBytes(schema: SchemaObject): ts.TypeNode | undefined {
  if (!("format" in schema) || schema.format !== "binary") return undefined;
  const type = "type" in schema ? schema.type : undefined;
  const nullable =
    ("nullable" in schema && schema.nullable === true) ||
    (Array.isArray(type) && type.includes("null"));
  return ts.factory.createUnionTypeNode(nullable ? [...BINARY, NULL] : BINARY);
}

/**
 * The `paths` / `components` / `operations` types of a repaired spec, as openapi-typescript
 * prints them, in prettier's layout (without header). Options, and why:
 * - `emptyObjectsUnknown`: a free-form `type: object` becomes `Record<string, unknown>`, not
 *   `Record<string, never>`, which could hold no key (openapi-ts/openapi-typescript#1004);
 * - `defaultNonNullable: false`: a property with a `default` stays optional, since a client may
 *   omit it in a request (the server fills it in);
 * - `alphabetize`: members sorted, so a spec reordering does not churn the diff;
 * - `readWriteMarkers`: `readOnly`/`writeOnly` properties as `$Read<T>`/`$Write<T>`, which
 *   `Writable` (request bodies) and `Readable` (results, models) remove or unwrap, so a body never
 *   needs a server-assigned `_id` and a result's required `_id` is a plain `string`;
 * - `transform`: `format: binary` as `Blob | Uint8Array`;
 * - `redocly` with no rules: openapi-typescript would lint the document again with its own
 *   minimal rules, which regen's redocly lint (and the model's own checks, duplicate operationIds
 *   included) already cover.
 */
export async function schemaTypes(doc: OpenApiDocument, file?: string): Promise<string> {
  try {
    const ast = await openapiTS(structuredClone(doc) as unknown as OpenAPI3, {
      emptyObjectsUnknown: true,
      defaultNonNullable: false,
      alphabetize: true,
      readWriteMarkers: true,
      silent: true,
      transform: binaryAsBytes,
      redocly: await createConfig({ rules: {} }, { extends: [] }),
    });
    return await prettierLayout(reindent(astToString(ast)), true);
  } catch (error) {
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
