import { isObject, type JsonObject } from "../../spec/json.js";
import type { MediaKind } from "./types.js";

/**
 * Classifies a media type by how it travels: JSON (`application/json`, `*+json`), form encodings,
 * multipart, text, or opaque bytes. Parameters such as `; charset=utf-8` are ignored.
 */
export function mediaKind(mediaType: string): MediaKind {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  if (base === "application/json" || base.endsWith("+json") || base === "*/*") return "json";
  if (base === "application/x-www-form-urlencoded") return "form-urlencoded";
  if (base === "multipart/form-data") return "multipart-form";
  if (base.startsWith("multipart/")) return "multipart-mixed";
  if (base.startsWith("text/")) return "text";
  return "binary";
}

/**
 * The media type a generated function uses out of a `content` map: JSON when offered (what the
 * API speaks by default), otherwise the first declared. Undefined for no or empty content.
 */
export function preferredMedia(
  content: unknown,
): { mediaType: string; media: JsonObject } | undefined {
  if (!isObject(content)) return undefined;
  const types = Object.keys(content).filter((t) => isObject(content[t]));
  const chosen = types.find((t) => mediaKind(t) === "json" && t !== "*/*") ?? types[0];
  return chosen === undefined
    ? undefined
    : { mediaType: chosen, media: content[chosen] as JsonObject };
}
