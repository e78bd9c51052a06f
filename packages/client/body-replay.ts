import type { BodyFactory } from "./context.js";
import type { OutgoingRequest } from "./outgoing.js";
import { isReusable } from "./sourced-request.js";

/**
 * Returns a function giving what to send each time it is called, so that a retry or a replay
 * after a refresh sends the identical request, body included.
 *
 * - No body, or one fetch can send again unchanged (see `isReusable`; a FormData under no
 *   Content-Type of ours, which fetch encodes afresh with a boundary and header that match): the
 *   same record every time.
 * - A body factory: the record as given first, then with a rebuild from the factory (streams
 *   cannot be cloned without buffering them whole; the factory re-opens the source instead).
 * - Otherwise (a stream, a Request that holds its body): the body held in a Request, and a clone
 *   of that per send, taken before the body is consumed. For a stream this tees and so buffers it
 *   in memory: pass a factory for large uploads.
 */
export function bodyReplayer(out: OutgoingRequest, factory?: BodyFactory): () => OutgoingRequest {
  const { body, request } = out;
  const resendable =
    body === undefined
      ? !request?.body
      : isReusable(body) || (body instanceof FormData && out.headers["content-type"] === undefined);
  if (resendable) return () => out;
  if (factory) {
    let sent = false;
    return () => {
      if (sent) return { ...out, body: factory() };
      sent = true;
      return out;
    };
  }
  const held =
    body === undefined
      ? request!
      : new Request(out.url, { method: out.method, body, duplex: "half" } as RequestInit);
  return () => ({ ...out, body: undefined, request: held.clone() });
}
