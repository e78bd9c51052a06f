import { hash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { AdminCaller } from "../client/create-admin-core.js";
import { GetAllHostedAssets } from "../../generated/operations/hosting.js";
import { AdminError } from "../core/errors.js";
import {
  ASSET_ATTRIBUTE_NAMES,
  defaultAttributes,
  sameAttributes,
  sortAttributes,
} from "../hosting/attributes.js";
import { hashTree } from "../hosting/hash-tree.js";
import { Md5Counter } from "../hosting/md5.js";
import type { AssetAttribute } from "../hosting/multipart.js";
import { allOrAbort, runPool } from "../hosting/pool.js";
import type { AppTarget } from "./import-call.js";
import { checkFileName, HOSTING_FILES_DIR, HOSTING_METADATA } from "./layout.js";
import { stableJson } from "./stable-json.js";
import { stagingError, type FolderUpdate } from "./write-folder.js";

/** A hosted file as the list reports it, with the URL its bytes are served at. */
interface HostedFile {
  path: string;
  hash: string;
  url: string;
  attrs: AssetAttribute[];
}

/**
 * The hosting part of a pull: `hosting/metadata.json` (the attributes of files whose attributes
 * are not just the `Content-Type` of their extension, as the official CLI writes it) and
 * `hosting/files/…`. The listing and the hashing of the local copies run at once; a file whose
 * local copy already has the listed MD5 is kept as it is; the others are downloaded from their
 * `url` (without the session's token: it is a public URL) straight into the update's staging
 * folder as they arrive, checked against the listed MD5. The update (`opening`: the folder is
 * walked meanwhile) is waited for once the listing is in, before anything is kept or written.
 */
export async function pullHosting(
  client: AdminCaller,
  target: AppTarget,
  opening: Promise<FolderUpdate>,
  options: { dir: string; fetch: typeof fetch; concurrency: number },
): Promise<{ downloaded: number; unchanged: number }> {
  const filesDir = join(options.dir, HOSTING_FILES_DIR);
  const [hosted, hashed] = await allOrAbort(
    (signal) => listHostedFiles(client, { ...target, signal }),
    async (signal) => ((await exists(filesDir)) ? hashTree(filesDir, { signal }) : []),
    target.signal,
  );
  const update = await opening;
  const local = new Map(hashed.map((entry) => [entry.path, entry.hash] as const));
  const wanted: HostedFile[] = [];
  for (const file of hosted) {
    if (local.get(file.path) === file.hash.toLowerCase()) {
      update.keep(`${HOSTING_FILES_DIR}${file.path}`);
    } else wanted.push(file);
  }
  if (update.dryRun) {
    // A dry run needs only to know which files differ: nothing is downloaded.
    for (const file of wanted) await update.put(`${HOSTING_FILES_DIR}${file.path}`, "", CHANGED);
  } else {
    const signalFor = batchSignals(target.signal);
    await runPool(
      wanted,
      options.concurrency,
      // A local copy with a listed MD5 that is not its own differs from the checked download: no
      // need to read it back (a re-pull after a site rebuild would read every file twice).
      (file) =>
        download(
          options.fetch,
          file,
          update,
          signalFor(),
          local.has(file.path) && file.hash !== "",
        ),
      target.signal,
    );
  }
  // After the downloads, not before: the first download waits for nothing it does not need, and
  // the metadata's write would wait its turn behind the configuration's.
  const metadata = hosted
    .filter((file) => !sameAttributes(file.attrs, defaultAttributes(file.path)))
    .map((file) => ({ path: file.path, attrs: sortAttributes(file.attrs) }));
  await update.put(HOSTING_METADATA, stableJson(metadata));
  return { downloaded: wanted.length, unchanged: hosted.length - wanted.length };
}

const CHANGED = { changed: true } as const;

/** Files up to this size are read whole, then written; larger ones (or unsized) are streamed. */
const IN_MEMORY_BYTES = 1 << 20;

/**
 * Downloads that share one signal. fetch leaves its listener on the signal it is given until
 * the request is collected, so the pull's own signal given to thousands of downloads would pile
 * up thousands of listeners; a signal of its own for each download costs one per file. A signal
 * that follows the caller's, made for each batch of this many, bounds both.
 */
const DOWNLOADS_PER_SIGNAL = 64;

/** The signal for each next download: `caller` itself never, a follower of it per batch. */
function batchSignals(caller: AbortSignal | undefined): () => AbortSignal | undefined {
  let current: AbortSignal | undefined;
  let uses = 0;
  return () => {
    if (!caller) return undefined;
    if (!current || uses === DOWNLOADS_PER_SIGNAL) {
      current = AbortSignal.any([caller]);
      uses = 0;
    }
    uses++;
    return current;
  };
}

/** One hosted file's bytes, checked against its listed MD5, put into the update. */
async function download(
  fetchImpl: typeof fetch,
  file: HostedFile,
  update: FolderUpdate,
  signal: AbortSignal | undefined,
  changed: boolean,
): Promise<void> {
  const response = await fetchImpl(file.url, { signal });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new AdminError(
      `downloading hosted file ${file.path} from ${file.url} answered ${response.status}`,
    );
  }
  const path = `${HOSTING_FILES_DIR}${file.path}`;
  const length = response.headers.get("content-length");
  if (length !== null && Number(length) <= IN_MEMORY_BYTES) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    // One-shot MD5: no Hash object per file (a hosting folder is mostly small files).
    checkHash(file, hash("md5", bytes, "hex"));
    await update.put(path, bytes, changed ? CHANGED : undefined);
    return;
  }
  const md5 = new Md5Counter();
  const body = response.body;
  async function* counted() {
    for await (const chunk of body) {
      md5.update(chunk);
      yield chunk;
    }
  }
  const staged = await update.stream(path);
  // Not over a file already staged: see `writeNewFile`.
  await pipeline(counted(), createWriteStream(staged, { flags: "wx" }), { signal }).catch(
    (error: unknown) => {
      throw stagingError(update.dir, path, error);
    },
  );
  checkHash(file, md5.digest().hash);
}

/** Throws unless `got` (lowercase hex) is the MD5 the listing gave (when it gave one). */
function checkHash(file: HostedFile, got: string): void {
  if (file.hash !== "" && got !== file.hash.toLowerCase()) {
    throw new AdminError(
      `hosted file ${file.path} downloaded with MD5 ${got}, but the listing says ${file.hash}`,
    );
  }
}

async function listHostedFiles(client: AdminCaller, target: AppTarget): Promise<HostedFile[]> {
  const { groupId, appId, signal } = target;
  const assets: unknown = await client.call(
    GetAllHostedAssets,
    { groupId, appId, recursive: true },
    { signal },
  );
  const names = new Set<string>(ASSET_ATTRIBUTE_NAMES);
  const files: HostedFile[] = [];
  for (const item of Array.isArray(assets) ? (assets as unknown[]) : []) {
    const a = item as { path?: unknown; hash?: unknown; url?: unknown; attrs?: unknown } | null;
    if (typeof a?.path !== "string" || a.path.endsWith("/")) continue;
    // Appended to `hosting/files`: without its `/`, `x.json` would be `hosting/filesx.json`.
    if (!a.path.startsWith("/")) {
      throw new AdminError(
        `hosted file ${JSON.stringify(a.path)} was listed without its leading /`,
      );
    }
    checkFileName(a.path.slice(1), `hosted file ${a.path}`, true);
    if (typeof a.url !== "string")
      throw new AdminError(`hosted file ${a.path} was listed without a url`);
    const attrs = (Array.isArray(a.attrs) ? a.attrs : []).filter(
      (x: { name?: unknown; value?: unknown } | null): x is AssetAttribute =>
        typeof x?.name === "string" && typeof x.value === "string" && names.has(x.name),
    );
    files.push({ path: a.path, hash: typeof a.hash === "string" ? a.hash : "", url: a.url, attrs });
  }
  return files;
}

/** Whether `path` exists (any other failure to look is thrown). */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
