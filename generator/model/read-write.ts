import { isObject, type JsonObject, type OpenApiDocument } from "../../spec/json.js";
import { fromPointer } from "../../spec/pointer.js";
import { SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMA_SINGLES } from "../../spec/schema-keywords.js";

/** Which side of the wire a schema is seen from: a request body (write) or a response (read). */
export type SchemaView = "read" | "write";

const COMPONENT = "#/components/schemas/";

/**
 * True when a property is absent from a view: a `readOnly` one from requests, a `writeOnly` one
 * from responses (OpenAPI 3: "required" then applies to the other side only). A property marked
 * both is treated as marked neither, as openapi-typescript does.
 */
export function hiddenIn(view: SchemaView, property: unknown): boolean {
  if (!isObject(property)) return false;
  const readOnly = property.readOnly === true;
  const writeOnly = property.writeOnly === true;
  return view === "write" ? readOnly && !writeOnly : writeOnly && !readOnly;
}

/** What the emitters need to know about `readOnly` / `writeOnly` in a document's schemas. */
export interface ReadWriteFacts {
  /** Component schemas whose type carries openapi-typescript's `$Read`/`$Write` markers. */
  marked: ReadonlySet<string>;
  /** Component schemas whose request (write) or response (read) JSON Schema differs as written. */
  differs: Readonly<Record<SchemaView, ReadonlySet<string>>>;
  /** Whether an inline schema's type carries markers, itself or through a component. */
  isMarked(schema: unknown): boolean;
}

/**
 * Finds, once per document, which schemas `readOnly`/`writeOnly` affect. openapi-typescript's
 * `readWriteMarkers` wraps each such property in `$Read<T>`/`$Write<T>`, so only the types that
 * contain one need `Readable`/`Writable` (a type without markers passes through both unchanged,
 * at a cost to the compiler). References are followed to a fixed point, so cycles are fine.
 */
export function readWriteFacts(doc: OpenApiDocument): ReadWriteFacts {
  const components =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const refs = new Map<string, Set<string>>();
  for (const [name, schema] of Object.entries(components)) refs.set(name, refsOf(schema));
  const closure = (direct: (node: JsonObject) => boolean): Set<string> => {
    const found = new Set(Object.keys(components).filter((n) => some(components[n], direct)));
    for (let grew = true; grew;) {
      grew = false;
      for (const [name, targets] of refs) {
        if (found.has(name) || ![...targets].some((t) => found.has(t))) continue;
        found.add(name);
        grew = true;
      }
    }
    return found;
  };
  const markedHere = (node: JsonObject) =>
    isObject(node.properties) &&
    Object.values(node.properties).some((p) => hiddenIn("read", p) || hiddenIn("write", p));
  const requiresHidden = (view: SchemaView) => (node: JsonObject) => {
    const { required, properties } = node;
    return (
      Array.isArray(required) &&
      isObject(properties) &&
      required.some((n) => typeof n === "string" && hiddenIn(view, properties[n]))
    );
  };
  const marked = closure(markedHere);
  return {
    marked,
    differs: { read: closure(requiresHidden("read")), write: closure(requiresHidden("write")) },
    isMarked: (schema) =>
      some(schema, markedHere) || [...refsOf(schema)].some((name) => marked.has(name)),
  };
}

/** The component schema a `$ref` names, if it names one. */
export function componentOf(ref: unknown): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(COMPONENT)) return undefined;
  return fromPointer(ref).slice(2).join("/");
}

/** Whether `test` holds for the schema or any schema nested in it (references not followed). */
function some(schema: unknown, test: (node: JsonObject) => boolean): boolean {
  if (!isObject(schema)) return false;
  if (test(schema)) return true;
  return children(schema).some((child) => some(child, test));
}

/** The component schemas a schema refers to, directly or from nested schemas. */
function refsOf(schema: unknown, into = new Set<string>()): Set<string> {
  if (!isObject(schema)) return into;
  const name = componentOf(schema.$ref);
  if (name !== undefined) into.add(name);
  for (const child of children(schema)) refsOf(child, into);
  return into;
}

function children(schema: JsonObject): unknown[] {
  const out: unknown[] = [];
  for (const key of SUBSCHEMA_MAPS) {
    const map = schema[key];
    if (isObject(map)) for (const item of Object.values(map)) out.push(item);
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) for (const item of list) out.push(item);
  }
  for (const key of SUBSCHEMA_SINGLES) {
    const value = schema[key];
    // `items` may be a list in old drafts.
    if (Array.isArray(value)) {
      for (const item of value) out.push(item);
    } else out.push(value);
  }
  return out;
}
