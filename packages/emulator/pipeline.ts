import type { IncomingMessage, ServerResponse } from "node:http";
import {
  ClientGoneError,
  errorBody,
  HttpError,
  mediaTypeOf,
  readBody,
  writeReply,
} from "./http.js";
import type { Caller, Reply, RequestContext } from "./http.js";
import type { Fault, Faults } from "./faults.js";
import { checkRequiredParts, readFormParts } from "./form-body.js";
import type { RequestLog, RequestRecord } from "./request-log.js";
import { isJson, validateRequest } from "./request-validation.js";
import { checkResponse } from "./response-check.js";
import type { Route, Router } from "./router.js";
import type { SchemaRegistry } from "./schema-registry.js";
import type { TokenStore } from "./tokens.js";

/** What the request pipeline needs. */
export interface Pipeline {
  basePath: string;
  router: Router;
  tokens: TokenStore;
  faults: Faults;
  log: RequestLog;
  registry?: SchemaRegistry;
  bodyLimit: number;
  /** Where response-schema mismatches go, when responses are checked (tests). */
  responseProblems?: string[];
  /** GET requests outside the API base (hosted files); undefined means 404. */
  outside: (path: string) => Reply | undefined;
}

/**
 * Handles one request: latency, injected faults, routing, body, auth, JSON parsing, validation,
 * handler. Every failure becomes a JSON `{error, error_code}` reply; nothing escapes to crash
 * the server.
 */
export async function handleRequest(
  p: Pipeline,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const method = (req.method ?? "GET").toUpperCase();
  const inApi = url.pathname === p.basePath || url.pathname.startsWith(`${p.basePath}/`);
  const path = inApi ? url.pathname.slice(p.basePath.length) || "/" : url.pathname;
  const record = p.log.start(method, path, url.search.slice(1), req.headers);
  const send = (reply: Reply) => {
    p.log.answered(record, reply.status);
    writeReply(res, reply);
  };
  try {
    const latency = p.faults.latencyFor(method, path);
    if (latency > 0 && !(await delayWhileOpen(latency, res))) throw new ClientGoneError();
    const fault = p.faults.take(method, path);
    if (fault) return injectFault(fault, req, record, send);
    if (!inApi) {
      req.resume();
      const reply = method === "GET" ? p.outside(path) : undefined;
      if (!reply) throw new HttpError(404, `no such resource: ${method} ${path}`, "NotFound");
      return send(reply);
    }
    send(await route(p, req, method, path, url.searchParams, record));
  } catch (error) {
    req.resume();
    // Nobody to answer: not a 500, and nothing was handled.
    if (error instanceof ClientGoneError) return void (record.aborted = true);
    const http =
      error instanceof HttpError
        ? error
        : new HttpError(
            500,
            `emulator internal error: ${(error as Error)?.message ?? String(error)}`,
            "InternalServerError",
          );
    if (!res.headersSent) send({ status: http.status, body: errorBody(http) });
    else res.destroy();
  }
}

/**
 * Waits `ms`, or less when the connection closes first (a client giving up, or `stop()`): then
 * false, and no timer is left behind to run the request on a stopped emulator.
 */
function delayWhileOpen(ms: number, res: ServerResponse): Promise<boolean> {
  if (res.socket?.destroyed ?? true) return Promise.resolve(false);
  return new Promise((resolve) => {
    const closed = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", closed);
      resolve(true);
    }, ms);
    res.once("close", closed);
  });
}

async function route(
  p: Pipeline,
  req: IncomingMessage,
  method: string,
  path: string,
  query: URLSearchParams,
  record: RequestRecord,
): Promise<Reply> {
  const match = p.router.match(method, path);
  if (match.kind === "not-found")
    throw new HttpError(404, `no such API path: ${method} ${path}`, "NotFound");
  if (match.kind === "method-not-allowed") {
    const allowed = match.allowed.join(", ");
    throw new HttpError(
      405,
      `method ${method} not allowed on ${path} (allowed: ${allowed})`,
      "MethodNotAllowed",
    );
  }
  const { route, params } = match;
  p.log.routed(record, route.operation);
  const body = await readBody(req, p.bodyLimit);
  const ctx: RequestContext = {
    method,
    path,
    query,
    headers: req.headers,
    params,
    body,
    json: undefined,
    remoteAddress: req.socket.remoteAddress,
    operation: route.operation,
  };
  ctx.caller = await authenticate(p.tokens, route, req.headers.authorization);
  // Routes the spec lacks today are validated as soon as a repaired spec declares them.
  const found = p.registry?.operation(route.operation)
    ? { id: route.operation, op: p.registry.operation(route.operation)! }
    : p.registry?.operationAt(method, route.template);
  if (route.options.multipart) {
    const declared = found?.op.requestBody;
    const expected = declared?.mediaType ?? "a multipart body";
    ctx.parts = readFormParts(req.headers["content-type"], body, expected, p.bodyLimit);
    checkRequiredParts(ctx.parts, declared?.schema);
  } else if (!route.options.rawBody) ctx.json = parseJson(body, req.headers["content-type"]);
  if (p.registry && found) {
    const parts = { params, query, json: ctx.json, hasBody: body.length > 0 };
    validateRequest(p.registry, found.id, found.op, parts, route.options);
  }
  const reply = await route.handler(ctx);
  if (p.responseProblems && p.registry && found) {
    const problem = checkResponse(p.registry, found.id, found.op, reply);
    if (problem && p.responseProblems.length < 1000) p.responseProblems.push(problem);
  }
  return reply;
}

function injectFault(
  fault: Fault,
  req: IncomingMessage,
  record: RequestRecord,
  send: (reply: Reply) => void,
): void {
  record.faulted = true;
  req.resume();
  if (fault.drop) {
    req.socket.destroy();
    return;
  }
  const status = fault.status ?? 503;
  const body =
    fault.body === undefined
      ? { error: `injected fault: status ${status}`, error_code: "InjectedFault" }
      : fault.body;
  if (typeof body === "string") {
    send({
      status,
      raw: { bytes: Buffer.from(body), contentType: "text/plain" },
      headers: fault.headers,
    });
  } else {
    send({ status, body: body ?? undefined, headers: fault.headers });
  }
}

async function authenticate(
  tokens: TokenStore,
  route: Route,
  header: string | undefined,
): Promise<Caller | undefined> {
  if (route.options.auth === "none") return undefined;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (!token) {
    throw new HttpError(
      401,
      "invalid session: missing 'Authorization: Bearer <token>' header",
      "InvalidSession",
    );
  }
  return route.options.auth === "refresh"
    ? tokens.verifyRefresh(token)
    : tokens.verifyAccess(token);
}

function parseJson(body: Buffer, contentType: string | undefined): unknown {
  if (!body.length) return undefined;
  const media = mediaTypeOf(contentType);
  if (media && !isJson(media)) {
    throw new HttpError(
      415,
      `unsupported Content-Type '${media}': this operation takes application/json`,
      "UnsupportedMediaType",
    );
  }
  if (body.length > MAX_JSON_DEPTH && nestingExceeds(body, MAX_JSON_DEPTH))
    throw new HttpError(
      400,
      `malformed JSON in request body: nested deeper than ${MAX_JSON_DEPTH} levels`,
      "InvalidJSON",
    );
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    // V8 quotes the body in its message; only the position is repeated, so no secret is echoed.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new HttpError(
      400,
      `malformed JSON in request body${at ? ` at position ${at}` : ""}`,
      "InvalidJSON",
    );
  }
}

/**
 * Validation, storage and replies walk a body recursively: a few thousand levels overflow the
 * stack (a 500). The real server's Go decoder refuses deep bodies too (it caps nesting at 10000).
 */
const MAX_JSON_DEPTH = 1000;

/** Whether brackets outside strings nest deeper than `max`; a body shorter than `max` cannot. */
function nestingExceeds(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      // A backslash escapes the next byte: an escaped quote does not end the string.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
