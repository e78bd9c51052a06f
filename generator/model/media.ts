import { isObject, type JsonObject } from "../../spec/json.js";
import { mediaKind } from "../runtime/contract.js";

export { mediaKind };

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
