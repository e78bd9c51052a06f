import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomUUID } from "node:crypto";
import { UnsecuredJWT } from "jose";

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What a scripted route answers: a response, a reset connection, or no answer at all. */
export type Reply =
  | {
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
      raw?: string;
      /** Send the headers and the body so far, then nothing more (the connection stays open). */
      stall?: boolean;
    }
  | "reset"
  | "hang"
  | "stall-body";

/** A route handler; returning undefined falls through to the built-in routes. */
export type Handler = (request: SeenRequest) => Reply | undefined | Promise<Reply | undefined>;

const API = "/api/admin/v3.0";

/**
 * A loopback stand-in for the Admin API's session behaviour (login, refresh, logout, the 401s of
 * DESIGN §4) plus a couple of resources, with controls for the tests: expire tokens, count logins
 * and refreshes, script or hold any route.
 */
export async function startAdminServer(options: { accessTtlSeconds?: number } = {}) {
  const credentials = {
    publicKey: "pubkeyabcd",
    privateKey: "0f5c3a1e-7d2b-4c8e-9f10-a1b2c3d4e5f6",
  };
  const access = new Set<string>();
  const refresh = new Set<string>();
  const counts = { logins: 0, refreshes: 0, logouts: 0, calls: 0 };
  const seen: SeenRequest[] = [];
  const scripts: Handler[] = [];
  const listeners: Array<(request: SeenRequest) => void> = [];
  const sockets = new Set<Socket>();
  let serial = 0;

  const jwt = (kind: string) => {
    const now = Math.floor(Date.now() / 1000);
    return new UnsecuredJWT({ kind, n: ++serial, jti: randomUUID() })
      .setIssuedAt(now)
      .setExpirationTime(
        now + (kind === "access" ? (options.accessTtlSeconds ?? 1800) : 86400 * 60),
      )
      .encode();
  };
  const bearer = (request: SeenRequest) =>
    /^Bearer (.+)$/.exec(String(request.headers["authorization"] ?? ""))?.[1];
  const deny = (error: string, code?: string): Reply => ({
    status: 401,
    body: code ? { error, error_code: code } : { error },
  });

  const builtIn = (request: SeenRequest): Reply => {
    const { method, path } = request;
    if (method === "POST" && path === "/auth/providers/mongodb-cloud/login") {
      const body = JSON.parse(request.body || "{}") as { username?: string; apiKey?: string };
      if (body.username !== credentials.publicKey || body.apiKey !== credentials.privateKey) {
        return deny(
          "failed to authenticate with MongoDB Cloud API: You are not authorized for this resource.",
        );
      }
      counts.logins++;
      const pair = { access_token: jwt("access"), refresh_token: jwt("refresh") };
      access.add(pair.access_token);
      refresh.add(pair.refresh_token);
      return {
        status: 200,
        body: { ...pair, user_id: "u1", device_id: "000000000000000000000000" },
      };
    }
    const token = bearer(request);
    if (path === "/auth/session") {
      if (!token || !refresh.has(token))
        return deny("invalid session: failed to find refresh token", "InvalidSession");
      if (method === "DELETE") {
        counts.logouts++;
        refresh.delete(token);
        return { status: 204 };
      }
      counts.refreshes++;
      const next = jwt("access");
      access.add(next);
      return { status: 201, body: { access_token: next } };
    }
    if (token && refresh.has(token)) return deny("invalid session: valid Issuer required");
    if (!token || !access.has(token))
      return deny("invalid session: access token expired", "InvalidSession");
    counts.calls++;
    if (method === "GET" && /^\/groups\/[^/]+\/apps$/.test(path)) {
      return {
        status: 200,
        body: [{ _id: "5f1a2b3c4d5e6f7a8b9c0d1e", client_app_id: "myapp-abcde" }],
      };
    }
    if (method === "POST" && /^\/groups\/[^/]+\/apps$/.test(path)) {
      return {
        status: 201,
        body: { _id: "6a1a2b3c4d5e6f7a8b9c0d1e", ...(JSON.parse(request.body || "{}") as object) },
      };
    }
    if (path.startsWith("/echo")) return { status: 200, body: { method, body: request.body } };
    if (method === "DELETE") return { status: 204 };
    return { status: 404, body: { error: `no route ${method} ${path}`, error_code: "NotFound" } };
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://x");
    const request: SeenRequest = {
      method: req.method ?? "GET",
      path: url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    seen.push(request);
    for (const listener of [...listeners]) listener(request);
    let reply: Reply | undefined;
    for (const script of [...scripts]) {
      reply = await script(request);
      if (reply !== undefined) break;
    }
    reply ??= builtIn(request);
    if (reply === "hang") return;
    if (reply === "reset") return void req.socket.destroy();
    if (reply === "stall-body") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.write("[");
    }
    const payload = reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
    const type =
      reply.raw === undefined && reply.body !== undefined
        ? { "content-type": "application/json" }
        : {};
    res.writeHead(reply.status, { ...type, ...reply.headers });
    if (reply.stall) return void res.write(payload);
    res.end(payload);
  };

  const server = createServer((req, res) => void answer(req, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${API}`,
    credentials,
    counts,
    seen,
    /** Requests other than login/refresh/logout. */
    calls: () => seen.filter((r) => !r.path.startsWith("/auth/")),
    /** Every access token issued so far is now rejected with InvalidSession. */
    expireAccessTokens: () => access.clear(),
    /** Every refresh token is now unknown (as after 60 days or a logout elsewhere). */
    expireRefreshTokens: () => refresh.clear(),
    /** A valid access and refresh token pair minted without a login (for restored sessions). */
    mintSession: () => {
      const pair = { accessToken: jwt("access"), refreshToken: jwt("refresh") };
      access.add(pair.accessToken);
      refresh.add(pair.refreshToken);
      return pair;
    },
    /**
     * Resolves when the next request matching `match` has arrived (read whole, before it is
     * answered): tests wait for this event instead of for time to pass.
     */
    arrival: (match: (r: SeenRequest) => boolean = () => true) =>
      new Promise<SeenRequest>((resolve) => {
        const listener = (request: SeenRequest) => {
          if (!match(request)) return;
          listeners.splice(listeners.indexOf(listener), 1);
          resolve(request);
        };
        listeners.push(listener);
      }),
    /** Adds a scripted handler, consulted before the built-in routes (first added first). */
    script: (handler: Handler) => void scripts.push(handler),
    /** Scripts the next `n` requests matching `match` to get `reply`. */
    replyNext: (n: number, match: (r: SeenRequest) => boolean, reply: Reply) => {
      let left = n;
      scripts.push((request) => (left > 0 && match(request) ? (left--, reply) : undefined));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The type of a started fake admin server. */
export type AdminServer = Awaited<ReturnType<typeof startAdminServer>>;
