import type { Session } from "../auth/session.js";
import { isInvalidSessionBody, LOGIN_PATH } from "../auth/wire.js";
import { raceSignal } from "../core/clock.js";
import { bodyReplayer } from "./body-replay.js";
import { callSignal, disarm, targetOf, type CallContext } from "./context.js";
import { parseErrorBody, requestName } from "../core/errors.js";
import { requestFailure } from "../core/failure.js";
import type { Log } from "../core/logger.js";
import type { Redaction } from "../core/redact.js";
import type { OutgoingRequest } from "./outgoing.js";
import type { Retrying } from "./retry.js";

/** Sends one request of the client (see `OutgoingRequest`) with the call's context. */
export type FetchLayer = (request: OutgoingRequest, ctx: CallContext) => Promise<Response>;

/**
 * Puts the session around the retrying transport. Before sending: a valid access token (the
 * first call logs in; a token about to expire is refreshed first). After a 401 whose body says
 * `InvalidSession`: one renewal, shared by every request that hit it, then the identical request
 * once more. Any other 401 (`valid Issuer required`, bad keys) is returned untouched.
 *
 * A request that already carries an Authorization header, and the login request itself, pass
 * through without session handling.
 */
export function createFetchLayer(
  retrying: Retrying,
  session: Session,
  redactor: Redaction,
  basePath: string,
  log: Log,
): FetchLayer {
  // A wait on the shared renewal or on a 401 body must still end when this caller aborts, and
  // an aborted call starts none (not even a login).
  const settle = async <T>(
    work: () => Promise<T>,
    request: OutgoingRequest,
    ctx: CallContext,
  ): Promise<T> => {
    const signal = callSignal(request, ctx);
    try {
      if (signal?.aborted) throw signal.reason;
      return await raceSignal(work(), signal);
    } catch (error) {
      throw requestFailure(error, targetOf(request, ctx, basePath), signal, redactor);
    }
  };

  // An aborted call fails at its first wait or, when there is none, in the transport.
  return async (request, ctx) => {
    const next = bodyReplayer(request, ctx.bodyFactory);
    // Header names are lower case here (operationRequest, fromRequest): the caller's own
    // Authorization is sent as is, and the login goes without a session.
    if (
      "authorization" in request.headers ||
      (request.method === "POST" && request.url.split(/[?#]/, 1)[0]!.endsWith(LOGIN_PATH))
    ) {
      return retrying(next, undefined, ctx);
    }
    const token =
      session.current() ??
      (session.active ? await settle(() => session.token(), request, ctx) : undefined);
    const response = await retrying(next, token, ctx);
    if (response.status !== 401 || token === undefined) return response;

    const text = await settle(() => response.text(), request, ctx);
    disarm(ctx); // waiting for the renewal is not part of the attempt
    const unchanged = () => new Response(text, response);
    if (!isInvalidSessionBody(parseErrorBody(text))) return unchanged();
    const fresh = await settle(() => session.renew(token), request, ctx);
    if (fresh === undefined) return unchanged();
    const target = targetOf(request, ctx, basePath);
    log("debug", `replaying ${requestName(target)} after InvalidSession`);
    return retrying(next, fresh, ctx);
  };
}
