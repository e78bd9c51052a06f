import { openCall, type CallContext } from "./context.js";
import type { FetchLayer } from "./fetch-layer.js";
import { fromRequest } from "./outgoing.js";

/**
 * Sends a `raw` call's Request through the fetch layer with `limits` (the client's, or the call's
 * own from `rawCallOptions`): under a controller that follows the Request's signal when there is
 * a timeout, whose last attempt's timer runs until the body has been read (`boundBody`).
 */
export async function sendRaw(
  layer: FetchLayer,
  request: Request,
  limits: CallContext,
): Promise<Response> {
  const ctx: CallContext = { ...limits };
  const end = openCall(ctx, request.signal);
  let response: Response;
  try {
    response = await layer(fromRequest(request), ctx);
  } catch (error) {
    end();
    throw error;
  }
  // A HEAD answer has no body to wait for.
  if (!ctx.controller || request.method === "HEAD") {
    end();
    return response;
  }
  return boundBody(response, ctx.controller.signal, end);
}

/**
 * The response with its body held to `signal`: when the signal aborts before the body has been
 * read to the end (a server that sends the headers and then stalls), reading it fails with the
 * signal's reason, whoever reads it (openapi-fetch's `json()`/`text()`/`blob()`, or a caller who
 * took the stream). `done` runs once, as soon as the body has ended, failed or been cancelled, or
 * at once when there is no body to read.
 *
 * Used where nothing else knows when the body is finished (`raw` calls, see `sendRaw`); namespace
 * calls and session requests read the body inside the call and stop their timer themselves. The
 * status, status text, headers and URL carry over; `type` and `redirected` do not.
 */
export function boundBody(response: Response, signal: AbortSignal, done: () => void): Response {
  const source = response.body;
  // openapi-fetch never reads a body announced as empty, so it must not hold the timer either.
  if (source === null || response.headers.get("content-length") === "0") {
    done();
    return response;
  }
  const reader = source.getReader();
  let finished = false;
  let sink: ReadableStreamDefaultController<Uint8Array> | undefined;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    signal.removeEventListener("abort", onAbort);
    done();
  };
  const onAbort = (): void => {
    finish();
    sink?.error(signal.reason);
    reader.cancel(signal.reason).catch(() => undefined);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (controller) => {
        sink = controller;
      },
      pull: async (controller) => {
        try {
          const { done: end, value } = await reader.read();
          if (end) {
            finish();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          finish();
          // Already errored by onAbort when the signal fired: then this does nothing.
          controller.error(signal.aborted ? signal.reason : error);
        }
      },
      cancel: (reason) => {
        finish();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  const bounded = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(bounded, "url", { value: response.url });
  return bounded;
}
