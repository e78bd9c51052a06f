import type { BodyFactory } from "./context.js";
import { bodySource, isReusable } from "./sourced-request.js";

/** One attempt to send: the Request, and the body to send it with when not the Request's own. */
export interface Outgoing {
  readonly request: Request;
  readonly body?: NonNullable<RequestInit["body"]> | undefined;
}

/**
 * Returns a function giving what to send each time it is called, so that a retry or a replay
 * after a refresh sends the identical request, body included.
 *
 * - No body, or a reusable source (see `SourcedRequest`): the same request and source every time;
 *   nothing is consumed by sending them.
 * - A body factory: the request with its source (or its own body) first, then with a rebuild
 *   from the factory (streams cannot be cloned without buffering them whole; the factory
 *   re-opens the source instead).
 * - Otherwise: a clone per send, taken before the body is consumed. For a stream body this tees and
 *   so buffers it in memory: pass a factory for large uploads.
 */
export function bodyReplayer(request: Request, factory?: BodyFactory): () => Outgoing {
  // A Request built without its body (`SEND_SOURCE`) has a source; one with no body has neither.
  const source = bodySource(request);
  const first: Outgoing = { request, body: source };
  if (source === undefined ? request.body === null : isReusable(source)) return () => first;
  if (factory) {
    let sent = false;
    return () => {
      if (sent) return { request, body: factory() };
      sent = true;
      return first;
    };
  }
  return () => ({ request: request.clone() });
}
