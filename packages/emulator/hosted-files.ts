import type { Reply } from "./http.js";
import type { EmulatorState } from "./state.js";

/**
 * Serves a hosted file at the `url` the hosting API reports (`/hosted/<clientAppId>/<path>`), the
 * way the real CDN would, with its Content-Type (and other) attributes as response headers.
 */
export function serveHostedFile(state: EmulatorState, urlPath: string): Reply | undefined {
  const m = /^\/hosted\/([^/]+)(\/.*)$/.exec(urlPath);
  if (!m) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(m[2]!);
  } catch {
    return undefined;
  }
  for (const app of state.apps.values()) {
    if (app.app.client_app_id !== m[1]) continue;
    const asset = app.hosting.get(path);
    if (!asset) return undefined;
    const headers: Record<string, string> = {};
    for (const attr of asset.attrs)
      if (attr.name !== "Content-Type") headers[attr.name.toLowerCase()] = attr.value;
    const type =
      asset.attrs.find((a) => a.name === "Content-Type")?.value ?? "application/octet-stream";
    return { status: 200, raw: { bytes: asset.bytes, contentType: type }, headers };
  }
  return undefined;
}
