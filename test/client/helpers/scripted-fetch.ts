/** One request seen by a scripted fetch, body already read. */
export interface FetchCall {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** A step: a Response to return, or an error to throw (as a failing connection would). */
export type Step =
  Response | Error | ((call: FetchCall) => Response | Error | Promise<Response | Error>);

/**
 * An injected `fetch` that answers from a script, one step per request, and records what it was
 * sent. Running past the end of the script fails the test loudly.
 */
export function scriptedFetch(steps: Step[]) {
  const calls: FetchCall[] = [];
  const queue = [...steps];
  const fetch = async (request: Request): Promise<Response> => {
    const call: FetchCall = {
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: request.body === null ? "" : await request.text(),
    };
    calls.push(call);
    const step = queue.shift();
    if (step === undefined)
      throw new Error(`scripted fetch: no step left for ${call.method} ${call.url}`);
    const outcome = typeof step === "function" ? await step(call) : step;
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { fetch, calls, remaining: () => queue.length };
}

/** A JSON response. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The error undici throws for a connection the server reset. */
export function connectionReset(): Error {
  const cause = Object.assign(new Error("read ECONNRESET"), {
    code: "ECONNRESET",
    syscall: "read",
  });
  return new TypeError("fetch failed", { cause });
}

/** The error undici throws for a refused connection. */
export function connectionRefused(): Error {
  const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
    code: "ECONNREFUSED",
  });
  return new TypeError("fetch failed", { cause });
}
