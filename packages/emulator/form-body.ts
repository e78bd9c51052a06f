import {
  getMultipartBoundary,
  MultipartParseError,
  parseMultipart,
} from "@remix-run/multipart-parser";
import { invalidParameter, mediaTypeOf } from "./http.js";
import type { JsonSchema } from "./operation-schemas.js";
import { requiredOf } from "./schema-merge.js";

/** One part of a multipart body, found by its `Content-Disposition` name. */
export interface FormPart {
  bytes: Uint8Array;
  filename?: string | undefined;
  contentType?: string | undefined;
}

/** The parts of a multipart body by name (the first part of each name). */
export type FormParts = Map<string, FormPart>;

/**
 * Parses a multipart body (`multipart/form-data`, as the official CLI's dependency uploads send
 * it, or `multipart/mixed`, as hosting uploads do) into its parts by name. A body of another type
 * is a 400 naming the type the operation takes (InvalidParameter, as for a hosting upload);
 * a malformed one a 400 saying why.
 */
export function readFormParts(
  contentType: string | undefined,
  body: Uint8Array,
  expected: string,
  limit: number,
): FormParts {
  const media = mediaTypeOf(contentType);
  const boundary = contentType ? getMultipartBoundary(contentType) : null;
  if (!media.startsWith("multipart/") || !boundary)
    throw invalidParameter(
      "request Content-Type",
      `must be ${expected} with a boundary, got '${media || "none"}'`,
    );
  const parts: FormParts = new Map();
  try {
    for (const part of parseMultipart(body, {
      boundary,
      maxFileSize: limit,
      maxTotalSize: limit,
      maxParts: 16,
    })) {
      if (part.name && !parts.has(part.name))
        parts.set(part.name, {
          // A part that lies in one piece of the body is a view of it (the body is read whole
          // and never reused); `bytes` would copy it.
          bytes: part.content.length === 1 ? part.content[0]! : part.bytes,
          filename: part.filename,
          contentType: part.mediaType,
        });
    }
  } catch (error) {
    if (error instanceof MultipartParseError)
      throw invalidParameter("multipart body", error.message);
    throw error;
  }
  return parts;
}

/** Checks that every part the operation's body schema requires is there; a missing one is a 400. */
export function checkRequiredParts(parts: FormParts, schema: JsonSchema | undefined): void {
  for (const name of schema ? requiredOf(schema) : []) {
    if (!parts.has(name))
      throw invalidParameter(
        "multipart body",
        `missing part '${name}' (Content-Disposition: form-data; name="${name}")`,
      );
  }
}
