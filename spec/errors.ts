/** Where in a spec something went wrong: a file, and a line/column or a JSON pointer when known. */
export interface SpecLocation {
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
}

/** Formats a location as `file:line:col` or `file#/json/pointer`, whichever parts are known. */
export function formatLocation(at: SpecLocation): string {
  let text = at.file ?? "<spec>";
  if (at.line !== undefined) text += `:${at.line}${at.column !== undefined ? `:${at.column}` : ""}`;
  if (at.pointer !== undefined) text += ` ${at.pointer.startsWith("#") ? "" : "#"}${at.pointer}`;
  return text;
}

/**
 * Any failure of the spec pipeline (fetch, load, repair, lint) that a user can act on.
 * `code` is stable for scripts; the message always says what and where.
 */
export class SpecError extends Error {
  override name = "SpecError";
  constructor(
    readonly code: SpecErrorCode,
    message: string,
    readonly at: SpecLocation = {},
    options?: { cause?: unknown },
  ) {
    super(at.file || at.pointer ? `${formatLocation(at)}: ${message}` : message, options);
  }
}

export type SpecErrorCode =
  | "not-fetched"
  | "fetch-failed"
  | "file-missing"
  | "hash-mismatch"
  | "parse-error"
  | "not-openapi"
  | "bad-shape"
  | "bad-ref"
  | "repair-target-gone"
  | "repair-failed"
  | "lint-failed";
