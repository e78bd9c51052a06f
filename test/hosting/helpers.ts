import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";

/** The emulator and a client logged in against it. */
export interface Harness {
  emu: RunningEmulator;
  admin: AdminClient;
  groupId: string;
  appId: string;
}

/** Starts an emulator (no logs) and a client for it; `fetch` wraps the client's transport. */
export async function startHarness(
  fetch?: (request: Request) => Promise<Response>,
): Promise<Harness> {
  const emu = await startEmulator({ logs: { count: 0 } });
  const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials, fetch });
  return { emu, admin, groupId: emu.groupId, appId: emu.appId };
}

/** Lowercase hex MD5, computed here independently of the SDK. */
export function md5(bytes: string | Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** A request as it left the client: method, URL, headers and the whole body. */
export interface Captured {
  method: string;
  url: URL;
  headers: Headers;
  body: Buffer;
}

/**
 * A `fetch` for `createAdminClient` that records each request (reading its body whole, which is
 * fine for test-sized uploads) and then sends it over loopback.
 */
export function capturingFetch(): {
  fetch: (request: Request) => Promise<Response>;
  captured: Captured[];
} {
  const captured: Captured[] = [];
  const fetch = async (request: Request) => {
    const body = Buffer.from(await request.arrayBuffer());
    captured.push({
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body,
    });
    return globalThis.fetch(new Request(request, { body: request.method === "GET" ? null : body }));
  };
  return { fetch, captured };
}

/** A fresh temporary folder; `files` maps relative paths (with `/`) to contents. */
export async function tempTree(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hosting-test-"));
  await writeTree(dir, files);
  return dir;
}

/** Writes files below `dir`, creating folders as needed. */
export async function writeTree(
  dir: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = join(dir, ...rel.split("/"));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** Removes a temporary folder. */
export function removeTree(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** The hosted assets by path (the `"/"` entry left out): hash and attributes. */
export async function hosted(
  h: Harness,
): Promise<Map<string, { hash: string; size: number; attrs: { name: string; value: string }[] }>> {
  const assets = await h.admin.hosting.getAllHostedAssets({
    groupId: h.groupId,
    appId: h.appId,
    recursive: true,
  });
  const out = new Map<
    string,
    { hash: string; size: number; attrs: { name: string; value: string }[] }
  >();
  for (const a of assets) {
    if (a.path && a.path !== "/")
      out.set(a.path, {
        hash: a.hash ?? "",
        size: a.size ?? 0,
        attrs: (a.attrs ?? []) as { name: string; value: string }[],
      });
  }
  return out;
}

/** How many times the emulator saw each operation since its last `resetCounts()`. */
export function ops(h: Harness): Record<string, number> {
  return h.emu.control.counts().byOperation;
}

/** The upload, attributes, delete and cache operation ids. */
export const UPLOAD = "adminUploadHostedAsset";
export const PATCH = "adminUpdateHostedAsset";
export const DELETE = "adminDeleteHostedAsset";
export const CACHE = "adminInvalidateHostingCache";
export const LIST = "adminGetAllHostedAssets";
