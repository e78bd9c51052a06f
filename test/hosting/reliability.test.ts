/**
 * What a sync does when something fails underneath it: a listing that fails while files are
 * still being hashed (issue 15 item 1: the rejection used to go unhandled and end the process),
 * hashing that fails while the listing is in flight, and a DELETE whose answer was lost.
 */
import { rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AdminAuthError, createAdminClient } from "../../packages/client/index.js";
import { DEFAULT_HASH_CONCURRENCY } from "../../packages/hosting/hash-tree.js";
import { syncHosting, type SyncProgress } from "../../packages/hosting/index.js";
import { DELETE, hosted, removeTree, startHarness, tempTree, type Harness } from "./helpers.js";

const APP_ID = "5f1a2b3c4d5e6f7a8b9c0d1e";
const cleanup: string[] = [];
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", record);
});
afterEach(async () => {
  process.off("unhandledRejection", record);
  for (const dir of cleanup.splice(0)) await removeTree(dir);
});

/** Lets Node report any rejection still unhandled (it does so after the microtask queue drains). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function site(count: number): Promise<string> {
  const dir = await tempTree(
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`p/${i}.html`, `<p>${i}</p>`])),
  );
  cleanup.push(dir);
  return dir;
}

describe("a listing that fails while files are hashed", () => {
  test("rejects into the caller's catch, leaves no rejection unhandled, and stops hashing", async () => {
    const dir = await site(200);
    const hashedPaths: string[] = [];
    // How many files were done when the refusal was sent: hashing runs while the login is in
    // flight, so the bound is counted from that moment, not from the start.
    let doneAtRefusal = -1;
    const admin = refusingClient(() => (doneAtRefusal = hashedPaths.length));
    let caught: unknown;
    try {
      await syncHosting(admin, {
        groupId: "5f1a2b3c4d5e6f7a8b9c0d1f",
        appId: APP_ID,
        dir,
        onProgress: (p) => hashedPaths.push(p.path),
      });
    } catch (error) {
      caught = error;
    }
    await settle();
    expect(caught).toBeInstanceOf(AdminAuthError);
    expect(unhandled).toEqual([]);
    // At most the files already being read when the refusal came in: no new file is started.
    expect(doneAtRefusal).toBeGreaterThanOrEqual(0);
    expect(hashedPaths.length).toBeLessThanOrEqual(doneAtRefusal + DEFAULT_HASH_CONCURRENCY);
  });

  test("a file that takes long to hash stops being read as soon as the listing fails", async () => {
    // A sparse 16 GiB file: many seconds of reading, no disk space. It is never finished.
    const dir = await site(1);
    await writeFile(join(dir, "large.bin"), "");
    await truncate(join(dir, "large.bin"), 16 * 2 ** 30);
    const hashedPaths: string[] = [];
    const error = await syncHosting(refusingClient(), {
      groupId: "5f1a2b3c4d5e6f7a8b9c0d1f",
      appId: APP_ID,
      dir,
      onProgress: (p) => hashedPaths.push(p.path),
    }).catch((e: unknown) => e);
    await settle();
    expect(error).toBeInstanceOf(AdminAuthError);
    expect(hashedPaths).not.toContain("/large.bin");
    expect(unhandled).toEqual([]);
  });

  test("against the emulator with a wrong key: the auth error, nothing unhandled, nothing sent", async () => {
    const h = await startHarness();
    try {
      const dir = await site(300);
      const admin = createAdminClient({
        baseUrl: h.emu.url,
        credentials: { publicKey: h.emu.credentials.publicKey, privateKey: "wrong" },
      });
      const error = await syncHosting(admin, { groupId: h.groupId, appId: h.appId, dir }).catch(
        (e: unknown) => e,
      );
      await settle();
      expect(error).toBeInstanceOf(AdminAuthError);
      expect(unhandled).toEqual([]);
      // The refused login, and no hosting request.
      expect(h.emu.control.counts()).toMatchObject({
        failedLogins: 1,
        byOperation: { adminLogin: 1 },
      });
      expect(Object.keys(h.emu.control.counts().byOperation)).toEqual(["adminLogin"]);
    } finally {
      await h.emu.stop();
    }
  });
});

describe("hashing that fails while the listing is in flight", () => {
  test("cancels the listing and rejects with the hashing failure", async () => {
    const dir = await site(20);
    let listingAborted: (reason: unknown) => void = () => undefined;
    const aborted = new Promise((resolve) => (listingAborted = resolve));
    const admin = createAdminClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      session: { accessToken: unexpiredToken(), refreshToken: "refresh" },
      // The listing never answers; it ends only when its signal is aborted.
      fetch: (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => {
            listingAborted(request.signal.reason);
            reject(request.signal.reason as Error);
          }),
        ),
    });
    const boom = new Error("progress handler failed");
    const error = await syncHosting(admin, {
      groupId: "5f1a2b3c4d5e6f7a8b9c0d1f",
      appId: APP_ID,
      dir,
      onProgress: (p: SyncProgress) => {
        if (p.phase === "hash") throw boom;
      },
    }).catch((e: unknown) => e);
    await settle();
    expect(error).toBe(boom);
    await aborted;
    expect(unhandled).toEqual([]);
  });
});

describe("deletions that find the asset already gone", () => {
  let h: Harness;
  let next: "reset after sending" | "someone else first" | undefined;
  beforeEach(async () => {
    next = undefined;
    h = await startHarness(async (request) => {
      const fault = request.method === "DELETE" ? next : undefined;
      if (fault) next = undefined;
      // Someone else deletes the asset just before this request reaches the server.
      if (fault === "someone else first") await globalThis.fetch(request.clone());
      const response = await globalThis.fetch(request);
      if (fault !== "reset after sending") return response;
      // The DELETE reached the server and was carried out; its answer is lost, as in a reset.
      await response.arrayBuffer();
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      });
    });
  });
  afterEach(() => h.emu.stop());

  const deleteStatuses = () =>
    h.emu.control
      .requests()
      .filter((r) => r.operation === DELETE)
      .map((r) => r.status);

  test.each([
    // The client retries the DELETE; the retry finds nothing left (404).
    ["a DELETE retried after a reset that reached the server", "reset after sending", [204, 404]],
    // The sync's only DELETE is answered 404.
    ["an asset deleted by someone else after the listing", "someone else first", [204, 404]],
  ] as const)("%s is reported deleted, not failed", async (_, fault, statuses) => {
    const dir = await site(3);
    const sync = () =>
      syncHosting(h.admin, { groupId: h.groupId, appId: h.appId, dir, deleteRemoved: true });
    await sync();
    await rm(join(dir, "p", "1.html"));
    h.emu.control.resetCounts();
    next = fault;
    const result = await sync();
    expect(result).toMatchObject({ deleted: ["/p/1.html"], failed: [], unchanged: 2 });
    expect(deleteStatuses()).toEqual(statuses);
    expect((await hosted(h)).has("/p/1.html")).toBe(false);
  });

  test("any other failed DELETE is still a failure", async () => {
    const dir = await site(2);
    await syncHosting(h.admin, { groupId: h.groupId, appId: h.appId, dir });
    await rm(join(dir, "p", "0.html"));
    h.emu.control.failNext({ method: "DELETE", status: 403 });
    const result = await syncHosting(h.admin, {
      groupId: h.groupId,
      appId: h.appId,
      dir,
      deleteRemoved: true,
    });
    expect(result.deleted).toEqual([]);
    expect(result.failed).toMatchObject([{ path: "/p/0.html", operation: "delete" }]);
    expect(result.failed[0]!.error).toMatchObject({ status: 403 });
  });
});

/**
 * A client whose every request is refused at once, as the real API refuses a wrong key: the login
 * behind the listing fails within microtasks, long before files are read.
 */
function refusingClient(onRefuse?: () => void) {
  return createAdminClient({
    baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
    credentials: { publicKey: "public", privateKey: "wrong-private-key" },
    fetch: async () => {
      onRefuse?.();
      return Response.json(
        { error: "failed to authenticate with MongoDB Cloud API: invalid key" },
        { status: 401 },
      );
    },
  });
}

/** An access token the client takes as valid for an hour (unsigned: only `exp` is read). */
function unexpiredToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none", typ: "JWT" })}.${part({ iat: now, exp: now + 3600 })}.`;
}
