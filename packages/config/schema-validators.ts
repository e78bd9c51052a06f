import { readFile } from "node:fs/promises";
import {
  Validator,
  type OutputUnit,
  type Schema,
  type SchemaValidator,
} from "../vendor/json-schema.js";
import { withDispatchedUnions } from "./dispatched-unions.js";
import type { FileKind } from "./file-kinds.js";

/** The spec's schemas as `generated/operation-schemas.json` holds them (the package has no spec). */
export interface SchemaDocument {
  components: { schemas: Record<string, unknown> };
}

/** Validates one file's value; the errors come in the validator's output format. */
export type FileValidator = (value: unknown) => readonly OutputUnit[];

const SCHEMAS_URL = new URL("../../generated/operation-schemas.json", import.meta.url);

let loaded: Promise<SchemaDocument> | undefined;

/**
 * The repaired spec's component schemas, read once per process (the build copies the file next
 * to `generated/`, as the emulator finds it). Config files name other resources by name, and the
 * server resolves ids on import (`function_name`, `service_name`, `secret_name`: the official
 * CLI's own import test and its testdata hold no ids), so properties ending in `_id` are dropped
 * from every `required` list.
 */
export function loadConfigSchemas(): Promise<SchemaDocument> {
  loaded ??= readFile(SCHEMAS_URL, "utf8").then((text) => {
    const doc = JSON.parse(text) as SchemaDocument;
    dropRequiredIds(doc.components);
    return { components: doc.components };
  });
  return loaded;
}

/**
 * A validator for one file kind over `doc` (built once per kind and document: building walks the
 * schemas). All errors are collected, not just the first.
 */
export function validatorFor(doc: SchemaDocument, kind: FileKind): FileValidator {
  let perDoc = built.get(doc);
  if (!perDoc) built.set(doc, (perDoc = new Map()));
  let validate = perDoc.get(kind);
  if (!validate) {
    if (typeof kind.schema === "string" && !(kind.schema in doc.components.schemas)) {
      throw new Error(`the spec's schemas have no ${kind.schema} (for ${kind.what})`);
    }
    const given = kind.schema;
    const item: Schema =
      typeof given === "string" ? { $ref: `#/components/schemas/${given}` } : given;
    // Only the components the kind reaches: building a validator walks every schema it is given.
    const components = { schemas: reachable(item, doc.components.schemas) };
    const schema = { ...shape(item, kind), components };
    // The quick check takes the kind's own schema in place of the `$ref` to it (one step less
    // per value: the validator's cost is per schema it enters, and a function list enters one
    // per function). Same validity: the components carry no `$id` or anchor to resolve against.
    const inlined = typeof given === "string" ? (components.schemas[given] as Schema) : item;
    // A valid file (the usual case) is checked by a validator that stops at each subschema's
    // first failure (about a third of the work of collecting every error), on a schema whose
    // unions go straight to the alternative a value names (`withDispatchedUnions`). Only a file
    // found invalid is checked again, on the schema as it is, for all of its errors. The two
    // agree on validity unless a schema uses `unevaluated*` (whose outcome depends on what else
    // was evaluated): then only the full one is used.
    const quick = JSON.stringify(schema).includes('"unevaluated')
      ? undefined
      : new Validator(
          withDispatchedUnions({ ...shape(inlined, kind), components }),
          "2020-12",
          true,
        );
    let full: SchemaValidator | undefined;
    const fill = kind.elsewhere;
    validate = (given) => {
      const value = fill ? filled(given, fill, kind.shape) : given;
      if (quick?.validate(value).valid) return [];
      full ??= new Validator(schema, "2020-12", false);
      return full
        .validate(value)
        .errors.map((e) => (e.keyword === "pattern" ? withRule(schema, e) : e));
    };
    perDoc.set(kind, validate);
  }
  return validate;
}

const built = new WeakMap<SchemaDocument, Map<FileKind, FileValidator>>();

/**
 * A pattern error that says the rule: the validator's text names no pattern, so the user learns
 * where the value is but not what it may hold. The pattern comes from the schema at the error's
 * keyword location, with its schema's description when that speaks of the characters allowed
 * ("The service name." does not). Only invalid files get here.
 */
function withRule(root: Schema, error: OutputUnit): OutputUnit {
  const owner = schemaAt(root, error.keywordLocation.split("/").slice(1, -1));
  const pattern = owner?.pattern;
  if (typeof pattern !== "string") return error;
  const words =
    typeof owner!.description === "string" &&
    /letter|digit|number|character/i.test(owner!.description)
      ? ` (${owner!.description.trim().replace(/\.$/, "")})`
      : "";
  return { ...error, error: `String does not match pattern "${pattern}"${words}.` };
}

/** The schema below `root` at a keyword location's segments, through each `$ref` on the way. */
function schemaAt(root: Schema, segments: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const raw of segments) {
    if (node === null || typeof node !== "object") return undefined;
    const segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    const next: unknown = (node as Record<string, unknown>)[segment];
    node =
      segment === "$ref" && typeof next === "string" && next.startsWith("#/")
        ? schemaAt(root, next.split("/").slice(1))
        : next;
  }
  return node !== null && typeof node === "object" ? (node as Record<string, unknown>) : undefined;
}

/** The schema of a whole file of `kind` whose entries (or whole value) match `item`. */
function shape(item: Schema, kind: FileKind): Schema {
  if (kind.shape === "list") return { type: "array", items: item };
  if (kind.shape === "map") return { type: "object", additionalProperties: item };
  return item;
}

/** `value` (or each entry of it) with the properties kept in other files filled in where missing. */
function filled(value: unknown, fill: Readonly<Record<string, unknown>>, shape: FileKind["shape"]) {
  // `Object.assign` copies in a tenth of the time of a two-object spread (500 functions: 0.06
  // against 0.7 ms), but it would set a `__proto__` key as the copy's prototype, where a spread
  // keeps it as a key: such an entry is spread.
  const one = (entry: unknown) =>
    entry === null || typeof entry !== "object" || Array.isArray(entry)
      ? entry
      : Object.hasOwn(entry, "__proto__")
        ? { ...fill, ...entry }
        : Object.assign({}, fill, entry);
  if (shape === "list") return Array.isArray(value) ? value.map(one) : value;
  return one(value);
}

/** The component schemas `root` refers to, directly or through each other. */
/** The named schemas `root` (a schema, or a list of them) reaches through `$ref`s, by name. */
export function reachable(
  root: unknown,
  schemas: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      const name = key === "$ref" && typeof child === "string" ? refName(child) : undefined;
      if (name === undefined) visit(child);
      else if (!(name in out) && name in schemas) visit((out[name] = schemas[name]));
    }
  };
  visit(root);
  return out;
}

function refName(ref: string): string | undefined {
  const prefix = "#/components/schemas/";
  return ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

function dropRequiredIds(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropRequiredIds(item);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (key === "required" && Array.isArray(child)) {
      record.required = child.filter((name) => typeof name !== "string" || !name.endsWith("_id"));
    } else {
      dropRequiredIds(child);
    }
  }
}
