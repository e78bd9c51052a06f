import type { MediaKind, OperationModel, ResponseModel } from "../model/types.js";
import { stringLiteral } from "./ts-syntax.js";

/** How openapi-fetch must read a body of a media kind (`parseAs`). */
export function parseAsOf(kind: MediaKind): "json" | "text" | "blob" {
  if (kind === "text") return "text";
  return kind === "binary" || kind.startsWith("multipart") ? "blob" : "json";
}

/**
 * The type of a success result in `mediaType` (each response's preferred one by default): the
 * union over the 2xx responses of the JSON body type from schema.ts (through `Readable` when it
 * has readOnly/writeOnly markers), `string` for text, `Blob` for bytes, `undefined` for a
 * response without content; `unknown` when the spec declares no 2xx response.
 */
export function resultType(op: OperationModel, ref: string, mediaType?: string): string {
  if (op.success.length === 0) return "unknown";
  const types = op.success.flatMap((r) => {
    if (!r.mediaType) return ["undefined"];
    const media = r.media.find((m) => m.mediaType === (mediaType ?? r.mediaType));
    if (!media) return [];
    if (media.kind === "json") {
      const type = `${ref}["responses"][${statusKey(r.status)}]["content"][${stringLiteral(media.mediaType)}]`;
      // writeOnly properties are left out of what is read, and no $Read marker stays visible.
      return [media.marked ? `Readable<${type}>` : type];
    }
    return [media.kind === "text" ? "string" : "Blob"];
  });
  return [...new Set(types)].join(" | ");
}

/** `XResultByAccept`: the result type for each media type the caller may ask for. */
export function resultByAcceptType(op: OperationModel, ref: string): string {
  const members = op.accepts!.map(
    (m) => `  ${stringLiteral(m.mediaType)}: ${resultType(op, ref, m.mediaType)};\n`,
  );
  return `{\n${members.join("")}}`;
}

/** What the result doc says it is made of: `200 application/json, 204 no content`. */
export function successLabel(success: readonly ResponseModel[]): string {
  if (success.length === 0) return "the spec declares no 2xx response";
  return success
    .map((r) => `${r.status}${r.mediaType ? ` ${r.mediaType}` : " no content"}`)
    .join(", ");
}

/** openapi-typescript keys responses by number where the status is numeric. */
function statusKey(status: string): string {
  return /^\d+$/.test(status) ? status : stringLiteral(status);
}
