import type { BodyFactory } from "./context.js";

/**
 * Returns a function giving a sendable copy of `request` each time it is called, so that a retry
 * or a replay after a refresh sends the identical request, body included.
 *
 * - No body: the request itself, every time (nothing is consumed by sending it).
 * - A body factory: the original first, then a rebuild from the factory (streams cannot be cloned
 *   without buffering them whole; the factory re-opens the source instead).
 * - Otherwise: a clone per send, taken before the body is consumed. For a stream body this tees and
 *   so buffers it in memory: pass a factory for large uploads.
 */
export function bodyReplayer(request: Request, factory?: BodyFactory): () => Request {
  if (request.body === null) return () => request;
  if (factory) {
    let sent = false;
    return () => {
      if (!sent) {
        sent = true;
        return request;
      }
      return new Request(request, { body: factory(), duplex: "half" } as RequestInit);
    };
  }
  return () => request.clone();
}
