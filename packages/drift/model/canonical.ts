import { isObject } from "../../../spec/json.js";

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Structural equality of JSON values, stopping at the first difference. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k in b && deepEqual(a[k], b[k]));
}

const splits = new WeakMap<object, SplitDocs>();

/** Keywords that only document: changing them changes no request, response or generated type. */
const DOC_KEYWORDS = new Set([
  "description",
  "summary",
  "example",
  "examples",
  "externalDocs",
  "title",
  "$comment",
]);

/**
 * Keywords whose value is a mapping from names (property names, status codes, media types…) to
 * objects: their keys are data, not keywords, so a property called `description` is kept.
 */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "paths",
  "responses",
  "content",
  "headers",
  "schemas",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "callbacks",
  "links",
  "encoding",
  "variables",
  "webhooks",
]);

/** Keywords holding data values, copied as they are. */
const DATA_KEYWORDS = new Set(["enum", "const", "default", "required", "mapping"]);

/** A spec fragment split into what affects clients (`shape`) and what only documents (`docs`). */
export interface SplitDocs {
  /** Canonical JSON without documentation keywords and `x-` extensions. */
  shape: string;
  /** Where each documentation value sits (`/responses/200/description`) -> canonical JSON. */
  docs: ReadonlyMap<string, string>;
  /** Every object's location in the fragment, the root being "". */
  objects: ReadonlySet<string>;
}

/**
 * Splits a fragment of a spec into its canonical shape without documentation keywords (and
 * `x-` extensions) and the documentation values with where they sit.
 */
export function splitDocs(value: unknown): SplitDocs {
  const known = isObject(value) ? splits.get(value) : undefined;
  if (known) return known;
  const docs = new Map<string, string>();
  const objects = new Set<string>();
  const shape = strip(value, "", docs, objects);
  const result = { shape: canonicalJson(shape), docs, objects };
  // Spec nodes are not modified after loading and repair, so their split can be reused.
  if (isObject(value)) splits.set(value, result);
  return result;
}

/**
 * True when documentation changed on something present on both sides: a description edited,
 * added or dropped on a kept object. Documentation of added or removed objects does not count;
 * their appearance is a change of shape, judged by the other rules.
 */
export function docsChanged(before: unknown, after: unknown): boolean {
  if (deepEqual(before, after)) return false;
  const a = splitDocs(before);
  const b = splitDocs(after);
  for (const path of new Set([...a.docs.keys(), ...b.docs.keys()])) {
    const parent = path.slice(0, path.lastIndexOf("/"));
    if (a.objects.has(parent) && b.objects.has(parent) && a.docs.get(path) !== b.docs.get(path))
      return true;
  }
  return false;
}

function strip(
  value: unknown,
  at: string,
  docs: Map<string, string>,
  objects: Set<string>,
): unknown {
  if (Array.isArray(value)) return value.map((v, i) => strip(v, `${at}/${i}`, docs, objects));
  if (!isObject(value)) return value;
  objects.add(at);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = value[key];
    const where = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (DOC_KEYWORDS.has(key) || key.startsWith("x-")) {
      docs.set(where, canonicalJson(child));
    } else if (DATA_KEYWORDS.has(key)) {
      out[key] = child;
    } else if (NAME_MAPS.has(key) && isObject(child)) {
      objects.add(where);
      const map: Record<string, unknown> = {};
      for (const name of Object.keys(child)) {
        map[name] = strip(
          child[name],
          `${where}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`,
          docs,
          objects,
        );
      }
      out[key] = map;
    } else {
      out[key] = strip(child, where, docs, objects);
    }
  }
  return out;
}
