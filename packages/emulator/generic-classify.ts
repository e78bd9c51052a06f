import { HttpError } from "./http.js";
import type { OperationSchema, ResponseSchema } from "./operation-schemas.js";
import { flatten, type Resolve } from "./schema-merge.js";

/** What a spec operation does to the resource at its path, as the generic layer models it. */
export type GenericKind =
  | "list"
  | "get-item"
  | "get-singleton"
  | "create"
  | "update-item"
  | "update-singleton"
  | "delete-item"
  | "delete-singleton"
  | "action";

/** The success response an operation answers with: its lowest 2xx (200 when none is declared). */
export function successResponse(op: OperationSchema): { status: number; response: ResponseSchema } {
  const codes = Object.keys(op.responses ?? {})
    .filter((c) => /^2\d\d$/.test(c))
    .sort();
  const code = codes[0];
  if (code === undefined) return { status: op.method === "DELETE" ? 204 : 200, response: {} };
  return { status: Number(code), response: op.responses![code]! };
}

/**
 * Classifies an operation by method and path shape: a template ending in `{param}` names an item;
 * a POST creates when the same path is listed by a GET or has items below it; a PUT/PATCH without a
 * GET on its path (`…/enable`) is an action.
 */
export function classify(
  op: OperationSchema,
  all: readonly OperationSchema[],
  resolve: Resolve,
): GenericKind {
  const item = /\}$/.test(op.path);
  const at = (method: string, path: string) =>
    all.some((o) => o.method === method && o.path === path);
  const below = all.some(
    (o) =>
      o.path.startsWith(`${op.path}/{`) &&
      o.path.split("/").length === op.path.split("/").length + 1,
  );
  switch (op.method) {
    case "GET":
      if (item) return "get-item";
      return returnsArray(op, resolve) ? "list" : "get-singleton";
    case "POST":
      return below ||
        (at("GET", op.path) &&
          returnsArray(
            all.find((o) => o.method === "GET" && o.path === op.path)!,
            resolve,
          ))
        ? "create"
        : "action";
    case "PUT":
    case "PATCH":
      if (item) return "update-item";
      return at("GET", op.path) ? "update-singleton" : "action";
    case "DELETE":
      return item ? "delete-item" : "delete-singleton";
    default:
      return "action";
  }
}

function returnsArray(op: OperationSchema, resolve: Resolve): boolean {
  const schema = successResponse(op).response.schema;
  if (!schema) return false;
  const flat = flatten(schema, resolve, () => 0);
  return flat.type === "array" || (flat.type === undefined && flat.items !== undefined);
}

/** 404 in the `...NotFound` family, named after the collection (`/triggers/x` -> TriggerNotFound). */
export function missing(path: string): HttpError {
  const segments = path.split("/");
  const collection = segments[segments.length - 2] ?? "resource";
  const singular = collection.replace(/ies$/, "y").replace(/s$/, "");
  const code = singular
    .split(/[_-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
  return new HttpError(404, `${singular.replace(/_/g, " ")} not found`, `${code}NotFound`);
}
