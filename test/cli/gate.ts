import { once } from "node:events";
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** Which requests a wait or a hold is about. */
export type Match = (request: { method: string; path: string; query: URLSearchParams }) => boolean;

/** A request that reached the gate. */
export interface GateRequest {
  method: string;
  /** The path without its query, as the client sent it (`/api/admin/v3.0/...`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Whether the gate is holding it (not yet passed on to the server). */
  held: boolean;
  /** Resolves when the client gives up on it (closes the connection) before it is answered. */
  abandoned: Promise<void>;
  /** The answer's body as text, once it has been passed on in full. */
  answered: Promise<string>;
  /** Passes a held request on to the server. */
  release(): void;
}

/** A loopback HTTP proxy in front of a server that holds the requests it is told to. */
export interface Gate {
  /** `target`'s URL with the gate's host and port (same path). */
  url: string;
  /** Requests matching `match` from now on are held until released. */
  hold(match: Match): void;
  /** The first request so far that matches, or the next one to arrive. */
  arrival(match: Match): Promise<GateRequest>;
  /** Releases every held request and closes the gate. */
  close(): Promise<void>;
}

/**
 * Starts a gate in front of `target` (an http://127.0.0.1 base URL). Tests wait on what it sees
 * (a request arriving, a client closing its connection) instead of on timers, and hold a request
 * to keep a command at a known point for as long as they need.
 */
export async function startGate(target: string): Promise<Gate> {
  const upstream = new URL(target);
  const seen: GateRequest[] = [];
  const waiting: { match: Match; resolve: (r: GateRequest) => void }[] = [];
  const holds: Match[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://gate");
    const method = req.method ?? "GET";
    const what = { method, path: url.pathname, query: url.searchParams };
    const held = holds.some((m) => m(what));
    let answer = (_text: string) => {};
    const entry: GateRequest = {
      ...what,
      headers: req.headers,
      held,
      abandoned: new Promise((resolve) => {
        res.on("close", () => (res.writableFinished ? undefined : resolve()));
      }),
      answered: new Promise((resolve) => (answer = resolve)),
      release: () => {
        if (!entry.held) return;
        entry.held = false;
        forward(req, res, upstream, answer);
      },
    };
    seen.push(entry);
    for (const w of waiting.filter((w) => w.match(what))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(entry);
    }
    if (!held) forward(req, res, upstream, answer);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    hold: (match) => void holds.push(match),
    arrival: (match) => {
      const found = seen.find((r) => match(r));
      return found
        ? Promise.resolve(found)
        : new Promise((resolve) => waiting.push({ match, resolve }));
    },
    close: async () => {
      holds.length = 0;
      for (const r of seen) r.release();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** Sends the request on to the server and its answer back, and reports the answer's text. */
function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: URL,
  answer: (text: string) => void,
): void {
  if (res.destroyed) return;
  const out = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (back) => {
      const chunks: Buffer[] = [];
      res.writeHead(back.statusCode ?? 502, back.headers);
      back.on("data", (chunk: Buffer) => chunks.push(chunk));
      back.pipe(res);
      back.on("end", () => answer(Buffer.concat(chunks).toString()));
    },
  );
  // A client that gave up, or a server that went away: either way nobody waits for the answer.
  out.on("error", () => res.destroy());
  res.on("close", () => out.destroy());
  req.pipe(out);
}

/** Runs `body` with a gate in front of `target`, closed afterwards whatever happens. */
export async function withGate<T>(target: string, body: (gate: Gate) => Promise<T>): Promise<T> {
  const gate = await startGate(target);
  try {
    return await body(gate);
  } finally {
    await gate.close();
  }
}
