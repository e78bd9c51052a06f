/**
 * Small helpers shared by the repairs: finding operations and media schemas by their place in the
 * document, resolving local refs, and inserting keys without losing the document's key order
 * (the repaired spec is read by people and diffed, so order is kept stable).
 */
import { isObject, type HttpMethod, type JsonObject, type OpenApiDocument } from "../json.js";
import { childPointer, getAt, isLocalRef } from "../pointer.js";

/** The `/groups/{groupId}/apps/{appId}` prefix almost every App Services path starts with. */
export const APP_PATH = "/groups/{groupId}/apps/{appId}";

/** The path item at `path`, or undefined. */
export function pathItemAt(doc: OpenApiDocument, path: string): JsonObject | undefined {
  const item = isObject(doc.paths) ? doc.paths[path] : undefined;
  return isObject(item) ? item : undefined;
}

/** The operation at `method path`, with its pointer, or undefined. */
export function operationAt(
  doc: OpenApiDocument,
  path: string,
  method: HttpMethod,
): { op: JsonObject; pointer: string } | undefined {
  const op = pathItemAt(doc, path)?.[method];
  return isObject(op) ? { op, pointer: childPointer("#/paths", path, method) } : undefined;
}

/** The `application/json` schema of a response or request body, with its pointer. */
export function jsonSchemaOf(
  holder: unknown,
  pointer: string,
): { schema: JsonObject; media: JsonObject; pointer: string } | undefined {
  if (!isObject(holder) || !isObject(holder.content)) return undefined;
  const media = holder.content["application/json"];
  if (!isObject(media) || !isObject(media.schema)) return undefined;
  return {
    schema: media.schema,
    media,
    pointer: childPointer(pointer, "content", "application/json", "schema"),
  };
}

/** Follows a local `$ref` (once); other values are returned as they are. */
export function deref(doc: OpenApiDocument, node: unknown): unknown {
  return isObject(node) && isLocalRef(node.$ref) ? getAt(doc, node.$ref) : node;
}

/** True when `#/components/parameters/<name>` exists. */
export function hasParameter(doc: OpenApiDocument, name: string): boolean {
  const components = doc.components;
  return (
    isObject(components) && isObject(components.parameters) && isObject(components.parameters[name])
  );
}

/**
 * Sets `key` on `target`, placed right after `after` (or at the end when `after` is absent), by
 * rebuilding the object in place so that references to it stay valid.
 */
export function insertAfter(
  target: JsonObject,
  after: string | undefined,
  key: string,
  value: unknown,
): void {
  const entries = Object.entries(target).filter(([k]) => k !== key);
  const at = after === undefined ? -1 : entries.findIndex(([k]) => k === after);
  entries.splice(at < 0 ? entries.length : at + 1, 0, [key, value]);
  replaceEntries(target, entries);
}

/** Renames `from` to `to` in place, keeping the key's position. */
export function renameKey(target: JsonObject, from: string, to: string): void {
  replaceEntries(
    target,
    Object.entries(target).map(([k, v]) => [k === from ? to : k, v]),
  );
}

function replaceEntries(target: JsonObject, entries: [string, unknown][]): void {
  for (const k of Object.keys(target)) delete target[k];
  for (const [k, v] of entries) target[k] = v;
}

/** The names in a path template, in order (`/a/{b}/c/{d}` -> ["b", "d"]). */
export function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}
