import { isObject, type JsonObject, type OpenApiDocument } from "../../spec/json.js";
import { childPointer } from "../../spec/pointer.js";
import { GeneratorError } from "../errors.js";
import { mediaKind, preferredMedia } from "./media.js";
import type { ReadWriteFacts } from "./read-write.js";
import { resolveComponent } from "./resolve.js";
import type { BodyModel, MediaModel, ResponseModel } from "./types.js";

/** The request body in its preferred media type, or undefined when the operation takes none. */
export function requestBodyModel(
  doc: OpenApiDocument,
  operation: JsonObject,
  pointer: string,
  facts: ReadWriteFacts,
  file?: string,
): BodyModel | undefined {
  if (operation.requestBody === undefined) return undefined;
  const { node, pointer: at } = resolveComponent(
    doc,
    operation.requestBody,
    childPointer(pointer, "requestBody"),
    "requestBodies",
    file,
  );
  const preferred = preferredMedia(node.content);
  if (!preferred) {
    throw new GeneratorError("requestBody declares no content, so there is no type to send", {
      file,
      pointer: at,
    });
  }
  return {
    mediaType: preferred.mediaType,
    kind: mediaKind(preferred.mediaType),
    required: node.required === true,
    ...(typeof node.description === "string" ? { description: node.description } : {}),
    ...(isObject(preferred.media.schema) ? { schema: preferred.media.schema } : {}),
    marked: facts.isMarked(preferred.media.schema),
    pointer: childPointer(at, "content", preferred.mediaType),
  };
}

/** Every response of an operation, sorted by status, each in its preferred media type. */
export function responseModels(
  doc: OpenApiDocument,
  operation: JsonObject,
  pointer: string,
  facts: ReadWriteFacts,
  file?: string,
): ResponseModel[] {
  const responsesPointer = childPointer(pointer, "responses");
  if (!isObject(operation.responses)) {
    throw new GeneratorError("operation has no responses", { file, pointer: responsesPointer });
  }
  const responses = operation.responses;
  return Object.keys(responses)
    .sort()
    .map((status) => {
      const { node, pointer: at } = resolveComponent(
        doc,
        responses[status],
        childPointer(responsesPointer, status),
        "responses",
        file,
      );
      const preferred = preferredMedia(node.content);
      const response: ResponseModel = {
        status,
        ...(typeof node.description === "string" ? { description: node.description } : {}),
        marked: false,
        media: mediaModels(node.content, facts),
        pointer: at,
      };
      if (preferred) {
        response.mediaType = preferred.mediaType;
        response.kind = mediaKind(preferred.mediaType);
        if (isObject(preferred.media.schema)) response.schema = preferred.media.schema;
        response.marked = facts.isMarked(preferred.media.schema);
        const example = exampleOf(preferred.media);
        if (example !== undefined) response.example = example;
      }
      return response;
    });
}

/** Every media type of a `content` map, in its order. */
function mediaModels(content: unknown, facts: ReadWriteFacts): MediaModel[] {
  if (!isObject(content)) return [];
  return Object.entries(content)
    .filter(([, media]) => isObject(media))
    .map(([mediaType, media]) => ({
      mediaType,
      kind: mediaKind(mediaType),
      marked: facts.isMarked((media as JsonObject).schema),
    }));
}

/** True for a success status: 2xx, or the `2XX` range. */
export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/** A media object's `example`, else the value of its first `examples` entry. */
function exampleOf(media: JsonObject): unknown {
  if (media.example !== undefined) return media.example;
  if (!isObject(media.examples)) return undefined;
  const first = Object.values(media.examples).find(isObject);
  return first?.value;
}
