// The bench's baseline for a first hosting sync (bench-hosting.ts): a login and an upload loop
// with nothing but `fetch`. Node-only and dependency-free, so a cold run's process can load it
// compiled to plain JavaScript (`--cold`) and run the very code the in-process rounds run.
import { hash, randomBytes } from "node:crypto";
import { closeSync, fstatSync, open, read } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Where the baseline logs in and uploads. */
export interface UploadServer {
  url: string;
  groupId: string;
  publicKey: string;
  privateKey: string;
}

/** An access token for the minimal uploader, from the emulator's login. */
export async function login(emu: UploadServer): Promise<string> {
  const response = await fetch(`${emu.url}/auth/providers/mongodb-cloud/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: emu.publicKey, apiKey: emu.privateKey }),
  });
  if (!response.ok) throw new Error(`login: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * fetch (undici, the Fetch standard's "HTTP-network-or-cache fetch") clones every request that
 * could be redirected, teeing its body stream, unless the request has no window and refuses
 * redirects. These two fields skip that copy: about 75 µs of CPU per 25 KiB upload on the 2-core
 * machine (node 20.20, undici 6.24), a sixth of such a request's cost. The emulator never
 * redirects, so the baselines lose nothing by it.
 */
export const UNCLONED = { window: null, redirect: "error" } as const;

const boundaryPrefix = randomBytes(22).toString("hex");
let uploads = 0;

/**
 * The baseline: the `files` files found by one recursive readdir (no symlink or ignore rules),
 * every file read once, hashed once, and sent as the same multipart/mixed body the SDK sends
 * (DESIGN §4), `concurrency` requests in flight, nothing else (no remote listing, no retries, no
 * timeout or abort signal: fetch with a URL and a Buffer, `UNCLONED` so that fetch sends the body
 * as it is, the cheapest request there is). `bounded`: each upload bounded as the SDK bounds an
 * attempt by default, an AbortController whose signal fetch follows and a timer (the SDK's 60 s)
 * cleared once the answer has been read. `offline`: each body built, then answered at once
 * (`offlineAnswer`) instead of sent.
 */
export async function minimalUpload(
  emu: UploadServer,
  token: string,
  appId: string,
  dir: string,
  { files, concurrency }: { files: number; concurrency: number },
  mode: "plain" | "bounded" | "offline" = "plain",
): Promise<void> {
  const url = `${emu.url}/groups/${emu.groupId}/apps/${appId}/hosting/assets/asset`;
  const tree = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  if (tree.length !== files) throw new Error(`minimal uploader: found ${tree.length} files`);
  let next = 0;
  const lane = async () => {
    while (next < tree.length) {
      const file = tree[next++]!;
      const path = "/" + relative(dir, file).split(sep).join("/");
      const bytes = await readWhole(file);
      const md5 = hash("md5", bytes, "hex");
      const attrs = [{ name: "Content-Type", value: "text/html" }];
      const meta = JSON.stringify({ path, hash: md5, size: bytes.length, appId, attrs });
      // As long as the SDK's: a random prefix for the run, then a count.
      const boundary = boundaryPrefix + (uploads++).toString(16).padStart(16, "0");
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${meta}` +
            `\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      if (mode === "offline") {
        await offlineAnswer(body);
        continue;
      }
      const controller = mode === "bounded" ? new AbortController() : undefined;
      const timer = controller && setTimeout(() => controller.abort(), 60_000);
      const response = await fetch(url, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": `multipart/mixed; boundary=${boundary}`,
        },
        body,
        ...(controller && { signal: controller.signal }),
        ...UNCLONED,
      });
      await response.arrayBuffer();
      clearTimeout(timer);
      if (response.status !== 204) throw new Error(`minimal uploader: HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** An upload answered without the network: the body is looked at, nothing is sent. */
export async function offlineAnswer(body: Uint8Array): Promise<void> {
  if (body.byteLength === 0) throw new Error("offline: an empty upload body");
}

/**
 * A whole file, read the cheapest way Node has: opened and read through the thread pool (both may
 * wait on the disk), its size taken and the descriptor closed here (`fstatSync`, `closeSync`: they
 * only touch the open inode, and a trip through the pool costs more than either). `fs.readFile`
 * makes four trips per file: over 2,000 files of 0.5-128 KiB, 51-56 ms of CPU against 36 ms.
 */
export function readWhole(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    open(file, "r", (error, fd) => {
      if (error) return reject(error);
      const settle = (failure: unknown, bytes?: Buffer) => {
        try {
          closeSync(fd);
        } catch (closeError) {
          failure ??= closeError;
        }
        if (failure) reject(failure);
        else resolve(bytes!);
      };
      let bytes: Buffer;
      try {
        bytes = Buffer.allocUnsafe(fstatSync(fd).size);
      } catch (failure) {
        return settle(failure);
      }
      const readFrom = (offset: number) =>
        read(fd, bytes, offset, bytes.length - offset, null, (readError, n) => {
          if (readError) return settle(readError);
          if (n > 0 && offset + n < bytes.length) return readFrom(offset + n);
          settle(undefined, offset + n === bytes.length ? bytes : bytes.subarray(0, offset + n));
        });
      readFrom(0);
    }),
  );
}
