import { readdirSync, readlinkSync, realpathSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { syncHosting } from "../../packages/hosting/index.js";
import { removeTree, startHarness, tempTree, type Harness } from "./helpers.js";

// A hostile server or an unlucky run, against a sync: what it leaves behind and what it says.

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.emu.stop();
  if (dir) await removeTree(dir);
  h = undefined;
  dir = undefined;
});

const isUpload = (request: Request) =>
  request.method === "PUT" && new URL(request.url).pathname.endsWith("/hosting/assets/asset");

/** The files below `root` this process has open (Linux: /proc/self/fd links to each). */
function openBelow(root: string): string[] {
  const open: string[] = [];
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(root + "/")) open.push(target);
    } catch {
      // Closed since the listing (the listing's own descriptor, for one).
    }
  }
  return open;
}

describe.skipIf(process.platform !== "linux")("syncHosting: aborted mid-upload", () => {
  // A `fetch` option need not cancel a request's body stream on abort (undici does): a file
  // being streamed must still be closed, and before the sync's promise settles, so the caller
  // can remove the folder at once (Windows refuses while a file is open).
  test("a streamed file whose request the transport abandons is closed before the sync rejects", async () => {
    const big = new Uint8Array(600 * 1024).fill(7);
    dir = await tempTree({ "big.bin": big, "big2.bin": big });
    const controller = new AbortController();
    h = await startHarness(async (request) => {
      if (!isUpload(request)) return fetch(request);
      // Take the meta part and the first bytes of the file (now open for the rest), then stop
      // the sync and give up on the request without cancelling its body.
      const reader = request.body!.getReader();
      await reader.read();
      await reader.read();
      controller.abort(new Error("stopped by the user"));
      throw request.signal.reason;
    });
    const { groupId, appId } = h;
    const error = await syncHosting(h.admin, {
      groupId,
      appId,
      dir,
      concurrency: 1,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("stopped by the user");
    expect(openBelow(realpathSync(dir))).toEqual([]);
  });

  test("with the real transport: no file of the folder is open once the sync has rejected", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 24; i++) files[`f${i}.bin`] = new Uint8Array(400 * 1024 + i).fill(i);
    dir = await tempTree(files);
    const controller = new AbortController();
    let answered = 0;
    h = await startHarness(async (request) => {
      const response = await fetch(request);
      if (isUpload(request) && ++answered === 3) controller.abort(new Error("stopped by the user"));
      return response;
    });
    const error = await syncHosting(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      dir,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("stopped by the user");
    expect(openBelow(realpathSync(dir))).toEqual([]);
  });
});
