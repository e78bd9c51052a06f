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
  const pick = (upper: string) => nonEmpty(env[upper.toLowerCase()]) ?? nonEmpty(env[upper]);
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
  return (input, init) => fetch(input, { ...init, ...proxied });
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
  redactor.add(decodeURIComponent(url.password));
  redactor.add(url.password);
  if (!/^https?:$/.test(url.protocol)) {
    throw new UsageError(`$${name} must be an http:// or https:// proxy URL, got ${url.protocol}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
