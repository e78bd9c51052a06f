import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pullApp } from "../../packages/config/index.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

// What a pull does first and what it leaves out, so that its downloads (the long part) start as
// soon as the listing answers and cost no more than plain fetches.

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;
/** Paths of the API requests, in the order they were sent. */
let sent: string[];
/** Settled by the first download; until then the configuration's request is held. */
let firstDownload: { promise: Promise<void>; resolve: () => void };
/** Whether the configuration's request is answered 400 (once a download has started). */
let failPull: boolean;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const bytes = (text: string) => new TextEncoder().encode(text);

beforeEach(async () => {
  sent = [];
  failPull = false;
  firstDownload = deferred();
  world = await startWorld({
    fetch: async (request) => {
      const path = new URL(request.url).pathname;
      sent.push(path);
      if (path.endsWith("/pull")) await firstDownload.promise;
      if (path.endsWith("/pull") && failPull)
        return Response.json({ error: "refused", error_code: "BadRequest" }, { status: 400 });
      return fetch(request);
    },
  });
  for (const path of ["/index.html", "/css/site.css"])
    await uploadAsset(world.admin, { ...world.ids, path, file: bytes(`<p>${path}</p>\n`) });
  dir = join(tempDir(), "app");
  sent = [];
});
afterEach(() => world.emu.stop());

/** A download fetch that releases the held configuration request on its first call. */
function downloads(onFirst: () => void = () => undefined) {
  const signals: (AbortSignal | undefined)[] = [];
  const counted: typeof fetch = (input, init) => {
    if (signals.length === 0) onFirst();
    signals.push(init?.signal ?? undefined);
    firstDownload.resolve();
    return fetch(input, init);
  };
  return { signals, fetch: counted };
}

describe("pullApp with includeHosting: the downloads go first", () => {
  it("asks for the hosting listing before the configuration and downloads while the configuration is unanswered", async () => {
    const result = await pullApp(world.admin, {
      ...world.ids,
      dir,
      includeHosting: true,
      fetch: downloads().fetch,
    });
    expect(sent[0]).toMatch(/\/hosting\/assets$/);
    expect(sent.filter((path) => path.endsWith("/pull"))).toHaveLength(1);
    expect(result.written).toEqual(
      expect.arrayContaining(["hosting/files/index.html", "realm_config.json"]),
    );
  });

  it("stages hosting/metadata.json after the downloads, not before the first one", async () => {
    let stagedBefore: boolean | undefined;
    const fetch = downloads(() => {
      const staging = readdirSync(dirname(dir)).filter((name) => name.includes(".pull-"));
      stagedBefore = staging.some((name) =>
        existsSync(join(dirname(dir), name, "hosting/metadata.json")),
      );
    }).fetch;
    const result = await pullApp(world.admin, { ...world.ids, dir, includeHosting: true, fetch });
    expect(stagedBefore).toBe(false);
    expect(result.written).toContain("hosting/metadata.json");
    expect(existsSync(join(dir, "hosting/metadata.json"))).toBe(true);
  });

  it("stops a download under way when the configuration side fails", async () => {
    failPull = true;
    const signals: AbortSignal[] = [];
    const held: typeof fetch = (_input, init) => {
      const signal = init!.signal!;
      signals.push(signal);
      firstDownload.resolve();
      // Answers only by being aborted: the pull must not wait for it once it has failed.
      return new Promise((_, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
      );
    };
    await expect(
      pullApp(world.admin, {
        ...world.ids,
        dir,
        includeHosting: true,
        fetch: held,
        concurrency: 1,
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });
});
