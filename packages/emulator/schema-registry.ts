import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema, OperationSchema, OperationSchemasDocument } from "./operation-schemas.js";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const DOC_ID = "https://appservices-admin.local/operation-schemas.json";
const LOCAL_REF = /^#\/components\/(schemas|writeSchemas|readSchemas)\/(.+)$/;

/** Formats OpenAPI uses that JSON Schema does not define: annotations, never failures. */
const ANNOTATION_FORMATS = [
  "binary",
  "byte",
  "int32",
  "int64",
  "float",
  "double",
  "password",
  "objectid",
  "ObjectID",
];

const registries = new WeakMap<OperationSchemasDocument, SchemaRegistry>();

/**
 * The registry of a document, shared by every emulator started from it in this process: test
 * suites start many emulators, and compiling the same schemas again each time would dominate.
 * (A registry holds only compiled validators, no emulator state.)
 */
export function registryFor(doc: OperationSchemasDocument): SchemaRegistry {
  let registry = registries.get(doc);
  if (!registry) registries.set(doc, (registry = new SchemaRegistry(doc)));
  return registry;
}

/** A compiled check: undefined when the value is valid, else the first problem, naming where. */
export type Check = (value: unknown) => { path: string; message: string } | undefined;

/**
 * Compiles the operation schemas with ajv (JSON Schema 2020-12), lazily and once per schema.
 * Components are registered once; operation-level `#/components/schemas/X` refs are pointed at them.
 */
export class SchemaRegistry {
  readonly #plain: Ajv2020;
  readonly #coercing: Ajv2020;
  readonly #cache = new Map<string, Check>();
  #byRoute: Map<string, { id: string; op: OperationSchema }> | undefined;

  constructor(readonly doc: OperationSchemasDocument) {
    this.#plain = makeAjv(false);
    this.#coercing = makeAjv(true);
    for (const ajv of [this.#plain, this.#coercing])
      ajv.addSchema({ $id: DOC_ID, components: doc.components ?? {} });
  }

  /** The operation with this id. */
  operation(id: string): OperationSchema | undefined {
    return this.doc.operations[id];
  }

  /** The operation at a method and path template (parameter names ignored), with its id. */
  operationAt(method: string, template: string): { id: string; op: OperationSchema } | undefined {
    const norm = (p: string) => p.replace(/\{[^}]+\}/g, "{}");
    if (!this.#byRoute) {
      this.#byRoute = new Map(
        Object.entries(this.doc.operations).map(([id, op]) => [
          `${op.method} ${norm(op.path)}`,
          { id, op },
        ]),
      );
    }
    return this.#byRoute.get(`${method} ${norm(template)}`);
  }

  /**
   * A component schema by `$ref`: `#/components/schemas/Name`, or a request/response view of one
   * (`#/components/writeSchemas/Name`, `readSchemas`; see docs/ARCHITECTURE.md).
   */
  resolveRef(ref: string): JsonSchema | undefined {
    const [, section, escaped] = LOCAL_REF.exec(ref) ?? [];
    if (section === undefined || escaped === undefined) return undefined;
    const name = decodeURIComponent(escaped).replace(/~1/g, "/").replace(/~0/g, "~");
    const components = this.doc.components as
      Record<string, Record<string, JsonSchema>> | undefined;
    return components?.[section]?.[name];
  }

  /** A cached check of `schema` under `key`; `coerce` converts query-string values in place. */
  check(key: string, schema: JsonSchema, coerce = false): Check {
    let check = this.#cache.get(key);
    if (!check) {
      let validate: ValidateFunction;
      try {
        validate = (coerce ? this.#coercing : this.#plain).compile(
          absoluteRefs(schema) as JsonSchema,
        );
      } catch (error) {
        throw new Error(`cannot compile the schema for ${key}: ${(error as Error).message}`);
      }
      check = (value) => (validate(value) ? undefined : describe(validate.errors?.[0]));
      this.#cache.set(key, check);
    }
    return check;
  }
}

function makeAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    logger: false,
    validateSchema: false,
    verbose: true,
    coerceTypes: coerce ? "array" : false,
  });
  addFormats(ajv);
  for (const format of ANNOTATION_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/** Rewrites local component refs so an operation-level schema can be compiled on its own. */
function absoluteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absoluteRefs);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/components/")
        ? DOC_ID + value
        : absoluteRefs(value);
  }
  return out;
}

function describe(error: ErrorObject | undefined): { path: string; message: string } {
  if (!error) return { path: "", message: "is invalid" };
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { path: `${path}/${String(params.missingProperty)}`, message: "is required" };
    case "additionalProperties":
      return {
        path: `${path}/${String(params.additionalProperty)}`,
        message: "is not an allowed property",
      };
    case "enum": {
      // Enum members are never secrets, so the rejected value can be named when it is a short string.
      const got =
        typeof error.data === "string" && error.data.length <= 64 ? `'${error.data}' ` : "";
      return {
        path,
        message: `${got}must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    }
    case "const":
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path, message: error.message ?? "is invalid" };
  }
}
