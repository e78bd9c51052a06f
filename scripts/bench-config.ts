// pullApp and a no-op pushApp of a large app against the emulator in a child process (its CPU is
// not this process's), each against the same HTTP requests sent alone.
// The app: 500 functions, 50 triggers, 2,000 hosted files of 2 KB, set up with one pushApp.
// Every round times once each, in an order rotated and reversed from round to round
// (`pairedRuns`): a pull (with hosting) into a fresh folder; the requests that pull made,
// replayed with plain fetch (API calls all at once, downloads 8 at a time, bodies read); the same
// replay writing every file the pull wrote into a fresh folder as its bytes arrive (what a pull
// cannot avoid: creating its files), once with synchronous writes and once with each file
// created on the thread pool as the pull creates it (`writeNewFile`), the faster of the two in
// each round being the floor the pull is compared with; a no-op push (with hosting); the requests it made, replayed
// the same way; and those requests together with hashing the hosted files (what a no-op push
// cannot avoid: `hashTree`); and a push after one hosted file changed (no baseline: its upload
// is not replayed; it shows that a push with hosting reads each file once); a re-pull of the
// app into the folder it was pushed from (it writes nothing), against its requests replayed
// together with hashing the hosted files and reading the others (what it cannot avoid to know
// that nothing changed).
// Where a no-op push's time goes beyond its baseline, in two parts timed the same way: the
// configuration alone (a no-op push without hosting against its requests replayed), and the
// hosting alone (the no-op `syncHosting` such a push runs, against `hashTree` of the same files).
// Before the rounds, one pull is followed request by request (one line: when each API call
// answered, when its downloads ran, when it returned, how busy this thread was meanwhile), to
// show where its time goes. After them, what a user's first push pays (a CLI push is one): the
// no-op push of the configuration alone as the first push of a fresh process (logged in first,
// so the login is not counted), against the same push warm (`first_noop_push_config_ms`).
// The replay's downloads start once the hosting listing has answered, as a pull's must (the
// listing names them); every other request goes at once, where the SDK may wait for one before
// the next, so it is a lower bound. Headline ratios are
// medians over rounds of each round's own ratio (the two ran back to back), with the spread of
// those per-round ratios (`*_iqr`: lower and upper quartile) so a noisy run shows as one; wall
// and this process's CPU are medians too. The file system's speed at creating files swings with
// what else runs (on an ext4 without journal, for a while after mass deletions): run it on a
// quiet machine, minutes after other benchmarks or test suites.
// The SDK timed is the built package, as users run it (scripts/lib/built-sdk.ts: `npm run build`
// first unless --no-build).
// Usage: npm run bench:config [-- --functions 500 --triggers 50 --files 2000 --size 2048 --runs 9 --no-build]
// Last line: {"bench":"config",...}.
import { execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { writeNewFile } from "../packages/config/write-folder.js";
import { runPool } from "../packages/hosting/pool.js";
import { runMain } from "../spec/run-main.js";
import {
  median,
  pairedQuartiles,
  pairedRatio,
  pairedRuns,
  summary,
  type Sample,
} from "./lib/paired-runs.js";
import { buildSdk, builtConfig, builtRoot } from "./lib/built-sdk.js";

const { values } = parseArgs({
  options: {
    functions: { type: "string", default: "500" },
    triggers: { type: "string", default: "50" },
    files: { type: "string", default: "2000" },
    size: { type: "string", default: "2048" },
    runs: { type: "string", default: "9" },
    "no-build": { type: "boolean", default: false },
  },
});
buildSdk(!values["no-build"]);
const { createAdminClient, hashTree, syncHosting } = await builtRoot();
const { pullApp, pushApp, stableJson } = await builtConfig();
const counts = {
  functions: Number(values.functions),
  triggers: Number(values.triggers),
  files: Number(values.files),
  size: Number(values.size),
};
const runs = Number(values.runs);

/** One request as the client sent it, to send again without the SDK. */
interface Recorded {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | undefined;
  download: boolean;
}

type Measured =
  | "pull"
  | "pullAlone"
  | "pullAloneWrite"
  | "pullAloneWritePool"
  | "push"
  | "pushAlone"
  | "pushAloneHash"
  | "pushConfig"
  | "pushConfigAlone"
  | "syncNoop"
  | "hashAlone"
  | "pushChange"
  | "repull"
  | "repullAloneRead";

runMain(async () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const work = await mkdtemp(join(tmpdir(), "bench-config-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/emulator.ts", "--log-count", "0"],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const emu = JSON.parse(line) as Record<
      "url" | "publicKey" | "privateKey" | "groupId" | "appId",
      string
    >;
    let log: Recorded[] | undefined;
    const recording = async (request: Request, download: boolean) => {
      log?.push({
        method: request.method,
        url: request.url,
        headers: [...request.headers],
        body: request.method === "GET" ? undefined : await request.clone().text(),
        download,
      });
    };
    // When each request of one pull started and answered (ms from the pull's start).
    let timeline: Timeline | undefined;
    const timed = async (what: string, send: () => Promise<Response>) => {
      if (!timeline) return send();
      const start = performance.now() - timeline.start;
      const response = await send();
      timeline.requests.push({ what, start, end: performance.now() - timeline.start });
      return response;
    };
    const admin = createAdminClient({
      baseUrl: emu.url,
      credentials: { publicKey: emu.publicKey, privateKey: emu.privateKey },
      fetch: async (request) => {
        await recording(request, false);
        return timed(new URL(request.url).pathname, () => fetch(request));
      },
    });
    // Outside the recorded runs the pull's downloads go straight to fetch: building a Request to
    // record is the harness's cost, which the replay it is compared with does not pay.
    const downloads: typeof fetch = async (input, init) => {
      if (timeline) return timed("download", () => fetch(input, init));
      if (!log) return fetch(input, init);
      const request = new Request(input, init);
      await recording(request, true);
      return fetch(request);
    };
    const ids = { groupId: emu.groupId, appId: emu.appId };

    const app = join(work, "app");
    await pullApp(admin, { ...ids, dir: app });
    await writeApp(app);
    const setup = await pushApp(admin, { ...ids, dir: app, includeHosting: true });
    if (
      setup.deployment?.status !== "successful" ||
      setup.hosting?.uploaded.length !== counts.files
    )
      throw new Error(
        `setup push: ${setup.deployment?.status}, ${setup.hosting?.uploaded.length} uploaded`,
      );
    console.log(
      `app set up: ${counts.functions} functions, ${counts.triggers} triggers, ${counts.files} hosted files of ${counts.size} bytes`,
    );

    // A fresh folder for every pull and every replay that writes.
    let folders = 0;
    const fresh = (name: string) => join(work, `${name}-${folders++}`);
    const pull = (dir = fresh("pull")) =>
      pullApp(admin, { ...ids, dir, includeHosting: true, fetch: downloads });
    const push = async (includeHosting = true) => {
      const result = await pushApp(admin, { ...ids, dir: app, includeHosting });
      if (result.deployment || result.hosting || result.diff.hasChanges)
        throw new Error(
          `the no-op push was not one: changes ${JSON.stringify(result.diff.changes.slice(0, 3))}, server diff ${result.diff.serverDiff?.length ?? 0}, hosting ${JSON.stringify(result.hosting?.uploaded.slice(0, 3))}, deployment ${result.deployment?.status}`,
        );
    };
    const pulled = fresh("pull");
    let pullResult!: Awaited<ReturnType<typeof pull>>;
    const pullRequests = await recorded(
      (l) => (log = l),
      async () => (pullResult = await pull(pulled)),
    );
    const pushRequests = await recorded((l) => (log = l), push);
    const pushConfigRequests = await recorded(
      (l) => (log = l),
      () => push(false),
    );
    // A pull into the folder pushed from, which the app matches (a push of one changed hosted
    // file, timed below, leaves it so): it writes nothing.
    const repull = async () => {
      const result = await pull(app);
      if (result.written.length > 0 || result.deleted.length > 0)
        throw new Error(
          `the re-pull wrote ${result.written.length}, deleted ${result.deleted.length}`,
        );
    };
    const repullRequests = await recorded((l) => (log = l), repull);
    log = undefined;
    console.log(
      `a pull sends ${pullRequests.length} requests (${pullRequests.filter((r) => r.download).length} downloads); a no-op push ${pushRequests.length}`,
    );

    timeline = { start: performance.now(), requests: [] };
    const loop = performance.eventLoopUtilization();
    await pull();
    console.log(describeTimeline(timeline, performance.eventLoopUtilization(loop).utilization));
    timeline = undefined;

    // What the pull wrote, by path, for the replay that writes the same files: each download's
    // body goes to the hosted file listed in the same place, the rest once the API calls answer.
    const written = await Promise.all(
      pullResult.written.map(async (path) => [path, await readFile(join(pulled, path))] as const),
    );
    const hosted = written.filter(([path]) => path.startsWith("hosting/files/"));
    const config = written.filter(([path]) => !path.startsWith("hosting/files/"));
    if (hosted.length !== pullRequests.filter((r) => r.download).length)
      throw new Error(`the pull wrote ${hosted.length} hosted files for its downloads`);
    // Each file written once, its folder made once: no staging, no check; the config files when
    // the configuration's request answers. Written synchronously, or created on the thread pool
    // as the pull does (16 config files at a time, each download's before its lane goes on).
    const writer = (dir: string, pooled: boolean): OnBody => {
      const made = new Set<string>();
      const put = (path: string, bytes: Uint8Array): Promise<void> | void => {
        const folder = dirname(join(dir, path));
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        if (!pooled) return writeFileSync(join(dir, path), bytes);
        return writeNewFile(join(dir, path), bytes);
      };
      return async (request, body, download) => {
        if (download !== undefined) await put(hosted[download]![0], new Uint8Array(body));
        else if (new URL(request.url).pathname.endsWith("/pull"))
          await runPool(config, 16, async ([path, bytes]) => put(path, bytes));
      };
    };

    const variants: Record<Measured, () => Promise<void>> = {
      pull: async () => void (await pull()),
      pullAlone: () => replay(pullRequests),
      pullAloneWrite: () => replay(pullRequests, writer(fresh("floor"), false)),
      pullAloneWritePool: () => replay(pullRequests, writer(fresh("floor"), true)),
      push: () => push(),
      pushAlone: () => replay(pushRequests),
      pushAloneHash: async () =>
        void (await Promise.all([replay(pushRequests), hashTree(join(app, "hosting/files"))])),
      pushConfig: () => push(false),
      pushConfigAlone: () => replay(pushConfigRequests),
      syncNoop: async () => {
        const result = await syncHosting(admin, {
          ...ids,
          dir: join(app, "hosting/files"),
          deleteRemoved: true,
        });
        if (result.uploaded.length + result.attrsUpdated.length + result.deleted.length > 0)
          throw new Error(`the no-op sync changed ${JSON.stringify(result).slice(0, 200)}`);
      },
      hashAlone: async () => void (await hashTree(join(app, "hosting/files"))),
      repull,
      // What a re-pull cannot avoid: its requests, hashing the hosted files, reading the others.
      repullAloneRead: async () =>
        void (await Promise.all([
          replay(repullRequests),
          hashTree(join(app, "hosting/files")),
          (async () => {
            for (const [path] of config) readFileSync(join(app, path));
          })(),
        ])),
      pushChange: async () => {
        await writeFile(join(app, "hosting/files/d0/f0.html"), randomBytes(counts.size));
        const result = await pushApp(admin, { ...ids, dir: app, includeHosting: true });
        if (result.deployment || result.hosting?.uploaded.length !== 1)
          throw new Error(
            `the hosting push uploaded ${result.hosting?.uploaded.length ?? 0} files`,
          );
      },
    };
    // Before each run, what earlier runs wrote is flushed (sync(1), untimed): the pulls and
    // their floors create thousands of files a round, and their write-back otherwise lands on
    // whichever run comes next (a push, its baseline), each by chance of the order.
    const t = await pairedRuns(
      variants,
      runs,
      (r, samples) =>
        console.log(
          `round ${r + 1}/${runs}: ` +
            Object.entries(samples)
              .map(([k, v]) => `${k} ${(v as Sample).wallMs.toFixed(0)} ms`)
              .join(", "),
        ),
      () => execFileSync("sync"),
    );
    const firstPush = await firstPushes(emu, ids, app, 5);
    console.log(
      `first no-op push of the configuration in a fresh process: ${firstPush.map((ms) => ms.toFixed(1)).join(", ")} ms`,
    );
    const m = Object.fromEntries(
      Object.entries(t).map(([k, v]) => [k, summary(v as Sample[], 1)]),
    ) as Record<Measured, ReturnType<typeof summary>>;
    const ratio = (a: Measured, b: Measured) =>
      Math.round(pairedRatio(t[a], t[b], "wallMs") * 100) / 100;
    // The floor of a pull in each round: the faster way of writing its files.
    const floor = t.pullAloneWrite.map((sync, i) =>
      sync.wallMs <= t.pullAloneWritePool[i]!.wallMs ? sync : t.pullAloneWritePool[i]!,
    );
    const result = {
      bench: "config",
      ...counts,
      emulator: "child process",
      runs,
      pull_requests: pullRequests.length,
      push_requests: pushRequests.length,
      pull_files: pullResult.written.length,
      pull_ms: m.pull.wallMs,
      pull_cpu_ms: m.pull.cpuMs,
      pull_requests_alone_ms: m.pullAlone.wallMs,
      pull_requests_alone_cpu_ms: m.pullAlone.cpuMs,
      pull_requests_and_writing_ms: m.pullAloneWrite.wallMs,
      pull_requests_and_writing_cpu_ms: m.pullAloneWrite.cpuMs,
      pull_requests_and_pooled_writing_ms: m.pullAloneWritePool.wallMs,
      pull_requests_and_pooled_writing_cpu_ms: m.pullAloneWritePool.cpuMs,
      noop_push_ms: m.push.wallMs,
      noop_push_cpu_ms: m.push.cpuMs,
      push_requests_alone_ms: m.pushAlone.wallMs,
      push_requests_alone_cpu_ms: m.pushAlone.cpuMs,
      push_requests_and_hashing_ms: m.pushAloneHash.wallMs,
      push_requests_and_hashing_cpu_ms: m.pushAloneHash.cpuMs,
      pull_vs_requests_ratio: ratio("pull", "pullAlone"),
      pull_vs_requests_and_writing_ratio:
        Math.round(pairedRatio(t.pull, floor, "wallMs") * 100) / 100,
      push_vs_requests_ratio: ratio("push", "pushAlone"),
      push_vs_requests_and_hashing_ratio: ratio("push", "pushAloneHash"),
      pull_vs_requests_ratio_iqr: pairedQuartiles(t.pull, t.pullAlone, "wallMs"),
      pull_vs_requests_and_writing_ratio_iqr: pairedQuartiles(t.pull, floor, "wallMs"),
      push_vs_requests_ratio_iqr: pairedQuartiles(t.push, t.pushAlone, "wallMs"),
      push_vs_requests_and_hashing_ratio_iqr: pairedQuartiles(t.push, t.pushAloneHash, "wallMs"),
      noop_push_config_only_ms: m.pushConfig.wallMs,
      noop_push_config_only_cpu_ms: m.pushConfig.cpuMs,
      first_noop_push_config_ms: Math.round(median(firstPush) * 10) / 10,
      push_config_requests_alone_ms: m.pushConfigAlone.wallMs,
      push_config_vs_requests_ratio: ratio("pushConfig", "pushConfigAlone"),
      push_config_vs_requests_ratio_iqr: pairedQuartiles(t.pushConfig, t.pushConfigAlone, "wallMs"),
      noop_sync_ms: m.syncNoop.wallMs,
      noop_sync_cpu_ms: m.syncNoop.cpuMs,
      hashing_ms: m.hashAlone.wallMs,
      hashing_cpu_ms: m.hashAlone.cpuMs,
      sync_vs_hashing_ratio: ratio("syncNoop", "hashAlone"),
      sync_vs_hashing_ratio_iqr: pairedQuartiles(t.syncNoop, t.hashAlone, "wallMs"),
      push_one_hosted_change_ms: m.pushChange.wallMs,
      push_one_hosted_change_cpu_ms: m.pushChange.cpuMs,
      repull_ms: m.repull.wallMs,
      repull_cpu_ms: m.repull.cpuMs,
      repull_requests_and_reading_ms: m.repullAloneRead.wallMs,
      repull_requests_and_reading_cpu_ms: m.repullAloneRead.cpuMs,
      repull_vs_requests_and_reading_ratio: ratio("repull", "repullAloneRead"),
      repull_vs_requests_and_reading_ratio_iqr: pairedQuartiles(
        t.repull,
        t.repullAloneRead,
        "wallMs",
      ),
    };
    console.log(
      `pull ${result.pull_ms} ms (target <= 2000), ${result.pull_vs_requests_ratio}x its requests alone ` +
        `(quartiles ${result.pull_vs_requests_ratio_iqr.join("-")}), ` +
        `${result.pull_vs_requests_and_writing_ratio}x with writing its ${result.pull_files} files (target <= 1.5x); ` +
        `no-op push ${result.noop_push_ms} ms (target <= 1000), ${result.push_vs_requests_ratio}x its requests alone, ` +
        `${result.push_vs_requests_and_hashing_ratio}x with hashing (quartiles ${result.push_vs_requests_and_hashing_ratio_iqr.join("-")}; target <= 1.5x); ` +
        `of which the configuration alone ${result.noop_push_config_only_ms} ms, ${result.push_config_vs_requests_ratio}x its requests ` +
        `(${result.first_noop_push_config_ms} ms as a fresh process's first push), ` +
        `and the hosting alone (no-op sync) ${result.noop_sync_ms} ms, ${result.sync_vs_hashing_ratio}x hashing; ` +
        `a push of one changed hosted file ${result.push_one_hosted_change_ms} ms; ` +
        `a no-op re-pull ${result.repull_ms} ms, ${result.repull_vs_requests_and_reading_ratio}x its requests with hashing and reading its files`,
    );
    console.log(JSON.stringify(result));
  } finally {
    child.kill("SIGTERM");
    await rm(work, { recursive: true, force: true });
  }
});

/**
 * The no-op push of the configuration alone (`dir`, no hosting) as the first push of each of
 * `count` fresh processes running the built package: ms of the push alone (the process logs in
 * with a first call before it; its startup and imports are not counted).
 */
async function firstPushes(
  emu: Record<"url" | "publicKey" | "privateKey", string>,
  ids: { groupId: string; appId: string },
  dir: string,
  count: number,
): Promise<number[]> {
  const sdk = (path: string) =>
    pathToFileURL(fileURLToPath(new URL(`../packages/sdk/dist/packages/${path}`, import.meta.url)))
      .href;
  const script = `
    const { createAdminClient } = await import(${JSON.stringify(sdk("index.js"))});
    const { pushApp } = await import(${JSON.stringify(sdk("config/index.js"))});
    const o = JSON.parse(process.env.BENCH_FIRST_PUSH);
    const admin = createAdminClient({ baseUrl: o.url, credentials: { publicKey: o.publicKey, privateKey: o.privateKey } });
    await admin.apps.getApplication({ groupId: o.groupId, appId: o.appId });
    const start = performance.now();
    const result = await pushApp(admin, { groupId: o.groupId, appId: o.appId, dir: o.dir });
    const ms = performance.now() - start;
    if (result.deployment || result.diff.hasChanges) throw new Error("the first push was not a no-op");
    console.log(ms);`;
  const env = {
    ...process.env,
    BENCH_FIRST_PUSH: JSON.stringify({ ...emu, ...ids, dir }),
  };
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "-e", script],
      { env },
    );
    times.push(Number(stdout.trim()));
  }
  return times;
}

/** Writes the functions, triggers and hosted files into a pulled folder. */
async function writeApp(dir: string): Promise<void> {
  // In the order a pull writes them (by name), so that a pull into this folder changes nothing.
  const functions = Array.from({ length: counts.functions }, (_, i) => ({
    name: `fn${i}`,
    private: i % 2 === 0,
  })).sort((a, b) => (a.name < b.name ? -1 : 1));
  await mkdir(join(dir, "functions"), { recursive: true });
  await writeFile(join(dir, "functions/config.json"), stableJson(functions));
  for (const fn of functions) {
    await writeFile(
      join(dir, `functions/${fn.name}.js`),
      `exports = async function(arg) {\n  // ${fn.name}\n  return { fn: "${fn.name}", arg };\n};\n`,
    );
  }
  await mkdir(join(dir, "triggers"), { recursive: true });
  for (let i = 0; i < counts.triggers; i++) {
    const trigger = {
      name: `trigger${i}`,
      type: "SCHEDULED",
      disabled: false,
      config: { schedule: `${i % 60} * * * *`, skip_catchup_events: false },
      event_processors: { FUNCTION: { config: { function_name: `fn${i}` } } },
    };
    await writeFile(join(dir, `triggers/${trigger.name}.json`), stableJson(trigger));
  }
  await mkdir(join(dir, "hosting/files"), { recursive: true });
  await writeFile(join(dir, "hosting/metadata.json"), "[]\n");
  for (let i = 0; i < counts.files; i++) {
    const folder = join(dir, "hosting/files", `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `f${i}.html`), randomBytes(counts.size));
  }
}

/** The requests of one pull: what (an API path or "download"), when sent and when answered. */
interface Timeline {
  start: number;
  requests: { what: string; start: number; end: number }[];
}

/**
 * One line: when each API call of a pull answered (headers in), when its downloads ran, when it
 * returned, and how busy its thread was (event loop utilization): where a pull's time goes.
 */
function describeTimeline(timeline: Timeline, utilization: number): string {
  const ms = (x: number) => x.toFixed(1);
  const finished = performance.now() - timeline.start;
  const api = timeline.requests
    .filter((r) => r.what !== "download")
    .map(
      (r) => `${r.what.replace(/^.*\/apps\/[^/]+\/?/, "") || "app"} ${ms(r.start)}-${ms(r.end)}`,
    );
  const ends = timeline.requests
    .filter((r) => r.what === "download")
    .map((r) => r.end)
    .sort((a, b) => a - b);
  const first = Math.min(
    ...timeline.requests.filter((r) => r.what === "download").map((r) => r.start),
  );
  const downloads = ends.length
    ? `${ends.length} downloads ${ms(first)}-${ms(ends.at(-1)!)} (half answered by ${ms(ends[Math.floor(ends.length / 2)]!)})`
    : "no downloads";
  return (
    `timeline of one pull (ms from its start; answered = headers in): ${api.join(", ")}; ` +
    `${downloads}; returned at ${ms(finished)}; its thread busy ${Math.round(utilization * 100)}%`
  );
}

/** The requests `run` sends, recorded while it runs. */
async function recorded(
  start: (log: Recorded[]) => void,
  run: () => Promise<unknown>,
): Promise<Recorded[]> {
  const log: Recorded[] = [];
  start(log);
  await run();
  return log;
}

/** Called with each answered request's body (and its place among the downloads). */
type OnBody = (request: Recorded, body: ArrayBuffer, download: number | undefined) => Promise<void>;

/**
 * The same requests with plain fetch: API calls all at once, downloads 8 at a time once the
 * hosting listing (which gives their URLs) has answered.
 */
async function replay(requests: readonly Recorded[], onBody?: OnBody): Promise<void> {
  const send = async (r: Recorded, download?: number) => {
    const response = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body });
    const body = await response.arrayBuffer();
    if (response.status >= 400)
      throw new Error(`replay: ${r.method} ${r.url} answered ${response.status}`);
    await onBody?.(r, body, download);
  };
  const downloads = requests.filter((r) => r.download);
  const api = requests.filter((r) => !r.download);
  const sent = api.map((r) => send(r));
  const listing = api.findIndex((r) => new URL(r.url).pathname.endsWith("/hosting/assets"));
  const listed = listing < 0 ? Promise.resolve() : sent[listing];
  let next = 0;
  const lane = async () => {
    await listed;
    while (next < downloads.length) {
      const i = next++;
      await send(downloads[i]!, i);
    }
  };
  await Promise.all([...sent, ...Array.from({ length: 8 }, lane)]);
}
