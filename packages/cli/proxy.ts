import { isIP } from "node:net";
import type { Redactor } from "appservices-admin";
import { UsageError } from "./exit-codes.js";

/** A fetch with the global one's signature (the client sends Requests; pulls send URLs). */
export type CliFetch = typeof fetch;

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"] as const;

/**
 * A fetch that goes through the proxy the environment names (`HTTPS_PROXY`, `HTTP_PROXY`, their
 * lower-case forms, and `NO_PROXY` for hosts to reach directly), or undefined when none is set:
 * Node's fetch ignores these variables. undici's `EnvHttpProxyAgent` reads them with the usual
 * rules (lower case wins, `NO_PROXY` wildcards and ports) and is only loaded when one is set. A
 * password in a proxy URL is a secret: it joins the redactor.
 */
export async function proxyFetch(
  env: NodeJS.ProcessEnv,
  redactor: Redactor,
): Promise<CliFetch | undefined> {
  // The variable's name too, so that a refused connection can say which setting to check.
  const named = (upper: string) =>
    [upper.toLowerCase(), upper]
      .map((name) => ({ name, url: nonEmpty(env[name]) }))
      .find((p): p is Proxy => p.url !== undefined);
  const pick = (upper: string) => named(upper)?.url;
  const httpsProxy = pick("HTTPS_PROXY");
  const httpProxy = pick("HTTP_PROXY");
  if (httpsProxy === undefined && httpProxy === undefined) return undefined;
  for (const [name, value] of [
    ["HTTPS_PROXY", httpsProxy],
    ["HTTP_PROXY", httpProxy],
  ] as const) {
    if (value !== undefined) checkProxyUrl(name, value, redactor);
  }
  const { EnvHttpProxyAgent } = await import("undici");
  const dispatcher = new EnvHttpProxyAgent({
    httpsProxy,
    httpProxy,
    noProxy: pick("NO_PROXY") ?? "",
  });
  // Node's fetch takes an undici dispatcher (its documented extension of RequestInit). Node's
  // bundled undici types differ from the package's, hence the cast; at run time the package's
  // dispatchers accept both handler styles (tested through a loopback proxy in test/cli).
  const proxied = { dispatcher } as unknown as RequestInit;
  const proxies = { https: named("HTTPS_PROXY") ?? named("HTTP_PROXY"), http: named("HTTP_PROXY") };
  return async (input, init) => {
    try {
      return await fetch(input, { ...init, ...proxied });
    } catch (error) {
      const target = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      throw (
        proxyRefusal(error, target, target.protocol === "https:" ? proxies.https : proxies.http) ??
        error
      );
    }
  };
}

interface Proxy {
  name: string;
  url: string;
}

/**
 * A refused connection to the proxy itself, told as such: undici's message names only an address
 * and port, which reads as the Admin API refusing. The proxy is named by host and port, never its
 * user name or password. A target reached directly (`NO_PROXY`) keeps its own error.
 */
function proxyRefusal(error: unknown, target: URL, proxy: Proxy | undefined): Error | undefined {
  if (proxy === undefined) return undefined;
  let refused: { address?: unknown; port?: unknown } | undefined;
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if ((current as NodeJS.ErrnoException).code === "ECONNREFUSED") refused = current as object;
    current = current.cause;
  }
  if (refused === undefined) return undefined;
  const url = new URL(proxy.url);
  const at = (u: URL) => ({
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: Number(u.port || (u.protocol === "https:" ? 443 : 80)),
  });
  const [via, direct] = [at(url), at(target)];
  const is = (end: { host: string; port: number }) =>
    refused.port === end.port && (isIP(end.host) === 0 || refused.address === end.host);
  // A host name matches by port alone (the address is the resolved one): a target reached
  // directly on the proxy's port is told apart only when it is an IP address.
  if (!is(via) || (isIP(direct.host) !== 0 && is(direct))) return undefined;
  const shown = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  return Object.assign(
    new Error(
      `the proxy ${shown} ($${proxy.name}) refused the connection: the Admin API was not reached`,
    ),
    { code: "ECONNREFUSED" },
  );
}

/** The proxy variables that are set, for `--verbose` (values redacted). */
export function proxyVariables(env: NodeJS.ProcessEnv): string[] {
  return PROXY_VARIABLES.filter((name) => nonEmpty(env[name]) !== undefined);
}

function checkProxyUrl(name: string, value: string, redactor: Redactor): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`$${name} must be a proxy URL such as http://proxy.example:3128`);
  }
  redactor.add(url.password, { pinned: true });
  let password: string;
  try {
    password = decodeURIComponent(url.password);
  } catch {
    // decodeURIComponent's URIError would be reported as an internal error (exit 70).
    throw new UsageError(
      `$${name}: the proxy URL's password has a % that starts no %XX escape (write a % as %25)`,
    );
  }
  redactor.add(password, { pinned: true });
  if (!/^https?:$/.test(url.protocol)) {
    throw new UsageError(`$${name} must be an http:// or https:// proxy URL, got ${url.protocol}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
