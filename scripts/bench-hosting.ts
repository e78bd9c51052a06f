// Hosting sync against the cheapest honest baselines, with the emulator in a child process (as a
// real server would be: its CPU is not this process's).
// - First sync vs a minimal uploader: each round uploads the same tree into two fresh apps, once
//   with `syncHosting` and once with a plain loop (one recursive readdir to find the files, as
//   any uploader must, then each file read whole the cheapest way Node has (`readWhole`: two trips
//   through the thread pool, as the SDK reads), one-shot MD5, the same multipart/mixed bytes,
//   `fetch` with the same bearer token and the same number of requests in flight, told not to
//   copy the body for a redirect (`UNCLONED`)).
// - No-op sync vs `hashTree`: over an app already in line, a sync (walk, hash, list, compare) and
//   the SDK's own `hashTree` (walk and hash only, the fastest hashing we have; its default of 8
//   files at once is as fast as 4 or 16). A no-op pair costs well under a second, so there are
//   three times as many of them as first-sync pairs (`--noop-rounds`), for a steadier median.
// - `--split` adds a third first sync per round, `syncHosting` through a bare caller (`fetch` with
//   the token: no session, retries, timeouts or error types): against the minimal uploader it is
//   what hosting itself costs; against the SDK's sync, what the client's request path costs per
//   upload (`client_us_per_upload`, CPU). And a fourth, the minimal uploader bounding each upload
//   as the SDK bounds each attempt by default (an AbortController whose signal fetch follows, a
//   timer cleared once the answer is read): against it, the SDK's sync without the price of a
//   per-request timeout (`bounded_uploader_ratio`; the headline stays the unbounded uploader). And a
//   fifth, the SDK's sync through a client made with `timeoutMs: 0` (no AbortController, timer or
//   signal per call): SDK minus it is what the per-attempt timeout costs per upload
//   (`timeout_us_per_upload`, CPU), the rest of `client_us_per_upload` the client's own code. And
//   two first syncs without the network, every call answered at once: the SDK's sync (an empty
//   listing, every upload accepted) and the minimal uploader's loop (the same body built, then
//   answered): hosting's own reading, hashing, body building and bookkeeping against the
//   uploader's (`offline_ratio`, `offline_cpu_ratio`). It also adds three no-op syncs per no-op round: through
//   the bare caller, through a caller answering the listing from memory (parsed per call), and
//   through one answering it already parsed (the same array every call): against hashTree the
//   last is hosting's own cost (walk, hash, compare), memory vs parsed the listing's parse; bare vs
//   memory, the listing's round trip (its request, the emulator's answer on the same cores, files
//   hashed while it is awaited).
// Full (mark-compact) collections of this process during each side's runs are counted
// (`first_sync_full_gcs`, `minimal_uploader_full_gcs`, `noop_full_gcs`, `hash_tree_full_gcs`):
// memory a sync holds shows there.
// Runs are paired and alternate which side goes first. Wall and CPU (this process) are measured;
// the ratios are medians of the per-pair ratios (steadier on a shared machine than ratios of medians).
// File sizes are log-uniform between --min-size and --max-size (a fixed seed): about 47 MiB for the
// default 2,000 files, the size measured in issue 17.
// `--latency` delays every request in the emulator (what a server farther away than loopback adds);
// with it, runs at several `--concurrency` values show how many requests in flight pay off.
// The SDK timed is the built package, as users run it (scripts/lib/built-sdk.ts: `npm run build`
// first unless --no-build).
// - `--cold` adds `--cold-pairs` first syncs each in a fresh node process, as a user's sync (the
//   CLI's `hosting sync`, a CI deploy) runs: per pair, one process imports the built SDK, logs in
//   and syncs into a fresh app, the other logs in with one fetch and runs the minimal uploader's
//   loop (scripts/lib/minimal-uploader.ts, compiled to JavaScript), same tree and concurrency,
//   the order alternating. Each is timed from its process's start (node's own start-up, equal on both sides,
//   included) to the end of its sync, wall and CPU (`cold_first_sync_ms`,
//   `cold_minimal_uploader_ms`, `cold_first_sync_ratio`: the median of the per-pair ratios). It
//   does not change `first_sync_ratio`, which stays the in-process figure after a warm-up round.
//   With `--rounds 0` only the cold pairs run. `--cold-cpu-prof DIR` writes a CPU profile of
//   every cold process there (node --cpu-prof; `sdk/` and `minimal/`), to see what a cold sync
//   pays for.
// Usage: npm run bench:hosting [-- --files 2000 --rounds 11 --noop-rounds 33 --concurrency 8 --latency 0 --min-size 512 --max-size 131072 --split --cold --cold-pairs 7 --no-build]
// Last line: {"bench":"hosting",...,"first_sync_ratio":…,"noop_ratio":…} (each with its per-pair
// ratios' quartiles in `*_iqr`).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { transform } from "esbuild";
import type { AdminCaller } from "../packages/client/create-admin-core.js";
import type { Credentials, RunningEmulator } from "../packages/emulator/index.js";
import { runMain } from "../spec/run-main.js";
import { projectRoot } from "../spec/source.js";
import { buildSdk, builtRoot } from "./lib/built-sdk.js";
import { login, minimalUpload, offlineAnswer, UNCLONED } from "./lib/minimal-uploader.js";
import { pairedQuartiles } from "./lib/paired-runs.js";

const { values } = parseArgs({
  options: {
    files: { type: "string", default: "2000" },
    rounds: { type: "string", default: "11" },
    "noop-rounds": { type: "string" },
    concurrency: { type: "string" },
    "min-size": { type: "string", default: "512" },
    "max-size": { type: "string", default: String(128 * 1024) },
    latency: { type: "string", default: "0" },
    split: { type: "boolean", default: false },
    cold: { type: "boolean", default: false },
    "cold-pairs": { type: "string", default: "7" },
    "cold-cpu-prof": { type: "string" },
    "no-build": { type: "boolean", default: false },
  },
});
buildSdk(!values["no-build"]);
const { DEFAULT_SYNC_CONCURRENCY, createAdminClient, hashTree, syncHosting } = await builtRoot();
const files = Number(values.files);
const rounds = Number(values.rounds);
const noopRounds = Number(values["noop-rounds"] ?? rounds * 3);
const concurrency = Number(values.concurrency ?? DEFAULT_SYNC_CONCURRENCY);
const minSize = Number(values["min-size"]);
const maxSize = Number(values["max-size"]);
const latency = Number(values.latency);
const PER_FOLDER = 100;

/** The emulator child's JSON line. */
type Emulator = Pick<RunningEmulator, "url" | "groupId" | "appId"> & Credentials;

/** Wall and CPU (user + system of this process, and of the emulator) of one run, in ms. */
interface Sample {
  wall: number;
  cpu: number;
  emulatorCpu: number;
  /** When the run started and ended (`performance.now()`), to count the collections inside it. */
  start: number;
  end: number;
}

/** When each full (mark-compact) collection of this process started. */
const fullGcs: number[] = [];
const noteGcs = (entries: PerformanceEntry[]) => {
  for (const entry of entries) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGcs.push(entry.startTime);
  }
};
const gcObserver = new PerformanceObserver((list) => noteGcs(list.getEntries()));

let emulatorPid: number | undefined;

// The emulator child: no logs, every request delayed by --latency ms (a server farther away than
// loopback), one JSON line on stdout, stopped by SIGTERM.
const EMULATOR = `
import { startEmulator } from "./packages/emulator/index.ts";
const emu = await startEmulator({ logs: { count: 0 } });
emu.control.setLatency(Number(process.env.BENCH_LATENCY_MS));
const { url, credentials, groupId, appId } = emu;
process.stdout.write(JSON.stringify({ url, ...credentials, groupId, appId }) + "\\n");
process.on("SIGTERM", () => emu.stop().then(() => process.exit(0)));
`;

runMain(async () => {
  gcObserver.observe({ entryTypes: ["gc"] });
  const root = fileURLToPath(new URL("..", import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), "bench-hosting-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", EMULATOR],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, BENCH_LATENCY_MS: String(latency) },
    },
  );
  emulatorPid = child.pid;
  try {
    const bytes = await makeTree(dir);
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const emu = JSON.parse(line) as Emulator;
    const admin = createAdminClient({
      baseUrl: emu.url,
      credentials: { publicKey: emu.publicKey, privateKey: emu.privateKey },
    });
    const { groupId } = emu;
    await admin.apps.listApplications({ groupId }); // log in outside the timings
    // The same client without a per-attempt timeout (--split): what the timeout costs.
    const untimed = createAdminClient({
      baseUrl: emu.url,
      credentials: { publicKey: emu.publicKey, privateKey: emu.privateKey },
      timeoutMs: 0,
    });
    if (values.split) await untimed.apps.listApplications({ groupId });
    const token = await login(emu);
    console.log(
      `${files} files, ${(bytes / 2 ** 20).toFixed(1)} MiB, concurrency ${concurrency}, ${rounds} rounds ` +
        `(${noopRounds} no-op), emulator latency ${latency} ms`,
    );

    let appNumber = 0;
    const freshApp = async () =>
      (await admin.apps.createApplication({ groupId, body: { name: `bench${appNumber++}` } }))._id!;
    const dropApp = (appId: string) => admin.apps.deleteApplication({ groupId, appId });
    // The cold pairs run after the in-process ones: run before them, they left this process
    // collecting in full six times as often in the rounds that followed, on both sides.
    const coldRuns = () => coldPairs(emu, dir, freshApp, dropApp);
    if (values.cold && rounds === 0) {
      const cold = await coldRuns();
      printCold(cold);
      console.log(JSON.stringify({ bench: "hosting", files, concurrency, ...cold }));
      return;
    }
    const bare = bareCaller(emu, token);
    const sync = (appId: string, caller: AdminCaller = admin) =>
      syncHosting(caller, { groupId, appId, dir, concurrency }).then((result) => {
        if (result.failed.length) throw new Error(`sync: ${result.failed.length} paths failed`);
        return result;
      });

    // One unmeasured round of each warms the code paths (and the page cache).
    const warm = [await freshApp(), await freshApp(), await freshApp(), await freshApp()];
    await sync(warm[0]!);
    await minimalUpload(emu, token, warm[1]!, dir, { files, concurrency });
    if (values.split) {
      await sync(warm[2]!, bare);
      await sync(warm[3]!, untimed);
    }

    const first = {
      sdk: [] as Sample[],
      minimal: [] as Sample[],
      bare: [] as Sample[],
      bounded: [] as Sample[],
      untimed: [] as Sample[],
      offlineSdk: [] as Sample[],
      offlineMinimal: [] as Sample[],
    };
    const offline = offlineCaller();
    const sides = values.split
      ? (["sdk", "minimal", "bare", "bounded", "untimed", "offlineSdk", "offlineMinimal"] as const)
      : (["sdk", "minimal"] as const);
    for (let round = 0; round < rounds; round++) {
      const apps = {
        sdk: await freshApp(),
        minimal: await freshApp(),
        bare: await freshApp(),
        bounded: await freshApp(),
        untimed: await freshApp(),
      };
      const uploadAll = async (caller: AdminCaller, appId: string) => {
        const result = await sync(appId, caller);
        if (result.uploaded.length !== files) throw new Error("first sync: not all uploaded");
      };
      const runs = {
        sdk: () => uploadAll(admin, apps.sdk),
        minimal: () => minimalUpload(emu, token, apps.minimal, dir, { files, concurrency }),
        bare: () => uploadAll(bare, apps.bare),
        bounded: () =>
          minimalUpload(emu, token, apps.bounded, dir, { files, concurrency }, "bounded"),
        untimed: () => uploadAll(untimed, apps.untimed),
        // No app: nothing is sent.
        offlineSdk: () => uploadAll(offline, apps.sdk),
        offlineMinimal: () =>
          minimalUpload(emu, token, apps.minimal, dir, { files, concurrency }, "offline"),
      };
      // Each side goes first in turn.
      for (let i = 0; i < sides.length; i++) {
        const side = sides[(i + round) % sides.length]!;
        first[side].push(await measure(runs[side]));
      }
      console.log(
        `first sync ${round + 1}/${rounds}: ${pair(first.sdk, first.minimal, "minimal uploader")}` +
          (values.split
            ? `; bare caller ${describeRun(first.bare.at(-1)!)}, bounded uploader ${describeRun(first.bounded.at(-1)!)}, ` +
              `sdk without timeout ${describeRun(first.untimed.at(-1)!)}; without the network, sdk ` +
              `${describeRun(first.offlineSdk.at(-1)!)}, uploader ${describeRun(first.offlineMinimal.at(-1)!)}`
            : ""),
      );
      for (const appId of Object.values(apps))
        await admin.apps.deleteApplication({ groupId, appId });
    }

    const synced = warm[0]!;
    const noop = {
      sdk: [] as Sample[],
      hashTree: [] as Sample[],
      bare: [] as Sample[],
      local: [] as Sample[],
      parsed: [] as Sample[],
    };
    // With --split, no-op syncs through the bare caller, through a caller that answers the
    // listing from memory (its JSON text, parsed per call, as a client would) and through one
    // that answers it already parsed tell hosting's own cost (parsed vs hashTree) from the
    // listing's parse (local vs parsed), its round trip (bare vs local) and the client's request
    // path (sdk vs bare).
    const local = values.split ? await localListing(emu, token, synced) : undefined;
    const parsed = local && (await parsedListing(local));
    const noopSides = values.split
      ? (["sdk", "hashTree", "bare", "local", "parsed"] as const)
      : (["sdk", "hashTree"] as const);
    for (let round = 0; round < noopRounds; round++) {
      const noopSync = (caller: AdminCaller) => async () => {
        const result = await sync(synced, caller);
        if (result.uploaded.length || result.unchanged !== files)
          throw new Error(`no-op sync uploaded ${result.uploaded.length}`);
      };
      const runs = {
        sdk: noopSync(admin),
        hashTree: async () => {
          if ((await hashTree(dir)).length !== files) throw new Error("hashTree: files missing");
        },
        bare: noopSync(bare),
        local: noopSync(local!),
        parsed: noopSync(parsed!),
      };
      // Each side goes first in turn.
      for (let i = 0; i < noopSides.length; i++) {
        const side = noopSides[(i + round) % noopSides.length]!;
        noop[side].push(await measure(runs[side]));
      }
      console.log(
        `no-op sync ${round + 1}/${noopRounds}: ${pair(noop.sdk, noop.hashTree, "hashTree")}` +
          (values.split
            ? `; bare caller ${describeRun(noop.bare.at(-1)!)}, listing from memory ${describeRun(noop.local.at(-1)!)}, ` +
              `already parsed ${describeRun(noop.parsed.at(-1)!)}`
            : ""),
      );
    }

    // A collection's entry is queued a turn after it; the observer is told later still.
    await new Promise((resolve) => setImmediate(resolve));
    noteGcs(gcObserver.takeRecords());
    const cold = values.cold ? await coldRuns() : undefined;
    const summary = {
      bench: "hosting",
      files,
      mib: round2(bytes / 2 ** 20),
      concurrency,
      rounds,
      emulator: "child process",
      latency_ms: latency,
      first_sync_ms: medianOf(first.sdk, "wall"),
      first_sync_cpu_ms: medianOf(first.sdk, "cpu"),
      minimal_uploader_ms: medianOf(first.minimal, "wall"),
      minimal_uploader_cpu_ms: medianOf(first.minimal, "cpu"),
      first_sync_emulator_cpu_ms: medianOf(first.sdk, "emulatorCpu"),
      minimal_uploader_emulator_cpu_ms: medianOf(first.minimal, "emulatorCpu"),
      first_sync_cpu_ratio: pairedRatio(first.sdk, first.minimal, "cpu"),
      noop_sync_ms: medianOf(noop.sdk, "wall"),
      noop_sync_cpu_ms: medianOf(noop.sdk, "cpu"),
      hash_tree_ms: medianOf(noop.hashTree, "wall"),
      hash_tree_cpu_ms: medianOf(noop.hashTree, "cpu"),
      noop_cpu_ratio: pairedRatio(noop.sdk, noop.hashTree, "cpu"),
      noop_rounds: noopRounds,
      // Full collections during each side's runs: held memory shows here.
      first_sync_full_gcs: fullGcsIn(first.sdk),
      minimal_uploader_full_gcs: fullGcsIn(first.minimal),
      noop_full_gcs: fullGcsIn(noop.sdk),
      hash_tree_full_gcs: fullGcsIn(noop.hashTree),
      ...(values.split && {
        bare_caller_ms: medianOf(first.bare, "wall"),
        bare_caller_cpu_ms: medianOf(first.bare, "cpu"),
        bare_caller_ratio: pairedRatio(first.bare, first.minimal, "wall"),
        bare_caller_cpu_ratio: pairedRatio(first.bare, first.minimal, "cpu"),
        // The client's request path, per upload: the SDK's sync minus the bare caller's, CPU.
        client_us_per_upload: round1(
          (median(first.sdk.map((s, i) => s.cpu - first.bare[i]!.cpu)) * 1000) / files,
        ),
        bounded_uploader_ms: medianOf(first.bounded, "wall"),
        bounded_uploader_cpu_ms: medianOf(first.bounded, "cpu"),
        bounded_uploader_ratio: pairedRatio(first.sdk, first.bounded, "wall"),
        bounded_uploader_cpu_ratio: pairedRatio(first.sdk, first.bounded, "cpu"),
        untimed_sdk_ms: medianOf(first.untimed, "wall"),
        untimed_sdk_cpu_ms: medianOf(first.untimed, "cpu"),
        // The per-attempt timeout's share of client_us_per_upload: the SDK's sync minus the same
        // client's without a timeout, CPU.
        timeout_us_per_upload: round1(
          (median(first.sdk.map((s, i) => s.cpu - first.untimed[i]!.cpu)) * 1000) / files,
        ),
        offline_sync_ms: medianOf(first.offlineSdk, "wall"),
        offline_sync_cpu_ms: medianOf(first.offlineSdk, "cpu"),
        offline_uploader_ms: medianOf(first.offlineMinimal, "wall"),
        offline_uploader_cpu_ms: medianOf(first.offlineMinimal, "cpu"),
        // Hosting's own work per upload against the uploader's, with nothing sent.
        offline_ratio: pairedRatio(first.offlineSdk, first.offlineMinimal, "wall"),
        offline_cpu_ratio: pairedRatio(first.offlineSdk, first.offlineMinimal, "cpu"),
        noop_bare_caller_ms: medianOf(noop.bare, "wall"),
        noop_bare_caller_ratio: pairedRatio(noop.bare, noop.hashTree, "wall"),
        noop_local_listing_ms: medianOf(noop.local, "wall"),
        noop_local_listing_ratio: pairedRatio(noop.local, noop.hashTree, "wall"),
        noop_local_listing_cpu_ratio: pairedRatio(noop.local, noop.hashTree, "cpu"),
        noop_parsed_listing_ms: medianOf(noop.parsed, "wall"),
        noop_parsed_listing_ratio: pairedRatio(noop.parsed, noop.hashTree, "wall"),
        noop_parsed_listing_cpu_ratio: pairedRatio(noop.parsed, noop.hashTree, "cpu"),
      }),
      first_sync_ratio: pairedRatio(first.sdk, first.minimal, "wall"),
      first_sync_ratio_iqr: pairedQuartiles(first.sdk, first.minimal, "wall"),
      noop_ratio: pairedRatio(noop.sdk, noop.hashTree, "wall"),
      noop_ratio_iqr: pairedQuartiles(noop.sdk, noop.hashTree, "wall"),
      ...cold,
    };
    console.log(
      `first sync ${summary.first_sync_ms} ms vs minimal uploader ${summary.minimal_uploader_ms} ms: ` +
        `${summary.first_sync_ratio}x wall (quartiles ${summary.first_sync_ratio_iqr.join("-")}), ` +
        `${summary.first_sync_cpu_ratio}x CPU (target <= 1.1x); ` +
        `full collections during the runs: ${summary.first_sync_full_gcs} vs ${summary.minimal_uploader_full_gcs}`,
    );
    if (values.split) {
      console.log(
        `first sync through a bare caller ${summary.bare_caller_ms} ms: ${summary.bare_caller_ratio}x wall, ` +
          `${summary.bare_caller_cpu_ratio}x CPU of the minimal uploader (hosting's own cost); ` +
          `the client's request path ${summary.client_us_per_upload} µs CPU per upload; ` +
          `against the uploader bounding each upload (${summary.bounded_uploader_ms} ms) the SDK's sync is ` +
          `${summary.bounded_uploader_ratio}x wall, ${summary.bounded_uploader_cpu_ratio}x CPU; ` +
          `of the client's ${summary.client_us_per_upload} µs, the per-attempt timeout ${summary.timeout_us_per_upload} µs ` +
          `(the SDK without it: ${summary.untimed_sdk_ms} ms); without the network (every call answered at once) ` +
          `the sync ${summary.offline_sync_ms} ms, the uploader's loop ${summary.offline_uploader_ms} ms: ` +
          `${summary.offline_ratio}x wall, ${summary.offline_cpu_ratio}x CPU (hosting's own reading, hashing, bodies and bookkeeping)`,
      );
    }
    if (values.split) {
      console.log(
        `no-op sync through a bare caller ${summary.noop_bare_caller_ms} ms (${summary.noop_bare_caller_ratio}x hashTree), ` +
          `with the listing answered from memory ${summary.noop_local_listing_ms} ms ` +
          `(${summary.noop_local_listing_ratio}x wall, ${summary.noop_local_listing_cpu_ratio}x CPU: parse and compare), ` +
          `already parsed ${summary.noop_parsed_listing_ms} ms ` +
          `(${summary.noop_parsed_listing_ratio}x wall, ${summary.noop_parsed_listing_cpu_ratio}x CPU: hosting's own walk, hash and compare)`,
      );
    }
    console.log(
      `no-op sync ${summary.noop_sync_ms} ms vs hashTree ${summary.hash_tree_ms} ms: ` +
        `${summary.noop_ratio}x wall (quartiles ${summary.noop_ratio_iqr.join("-")}), ` +
        `${summary.noop_cpu_ratio}x CPU (target <= 1.1x); ` +
        `full collections during the runs: ${summary.noop_full_gcs} vs ${summary.hash_tree_full_gcs}`,
    );
    if (cold) printCold(cold);
    console.log(JSON.stringify(summary));
  } finally {
    gcObserver.disconnect();
    child.kill("SIGTERM");
    await rm(dir, { recursive: true, force: true });
  }
});

// A cold run's process (--cold): BENCH_COLD holds what it needs; it prints one JSON line, its wall
// time since its process started and its CPU time so far, in ms. It runs without tsx, as a user's
// node does, so the minimal uploader comes to it compiled to JavaScript (`run.uploader`).
const COLD_CHILD = `
const run = JSON.parse(process.env.BENCH_COLD);
const { url, publicKey, privateKey, groupId, appId, dir, concurrency, files } = run;
if (run.side === "sdk") {
  const { createAdminClient, syncHosting } = await import(run.sdk);
  const admin = createAdminClient({ baseUrl: url, credentials: { publicKey, privateKey } });
  const result = await syncHosting(admin, { groupId, appId, dir, concurrency });
  if (result.failed.length || result.uploaded.length !== files)
    throw new Error("cold sync: " + result.failed.length + " failed, " + result.uploaded.length + " uploaded");
} else {
  const { login, minimalUpload } = await import(run.uploader);
  await minimalUpload(run, await login(run), appId, dir, { files, concurrency });
}
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 }) + "\\n");
`;

/** The cold pairs' figures (--cold): summary fields. */
interface ColdFigures {
  cold_pairs: number;
  cold_first_sync_ms: number;
  cold_first_sync_cpu_ms: number;
  cold_minimal_uploader_ms: number;
  cold_minimal_uploader_cpu_ms: number;
  cold_first_sync_emulator_cpu_ms: number;
  cold_minimal_uploader_emulator_cpu_ms: number;
  cold_first_sync_ratio: number;
  cold_first_sync_ratio_iqr: [number, number];
  cold_first_sync_cpu_ratio: number;
}

/**
 * `--cold-pairs` pairs of first syncs, each side in a fresh node process (COLD_CHILD) into a fresh
 * app, which side goes first alternating.
 */
async function coldPairs(
  emu: Emulator,
  dir: string,
  freshApp: () => Promise<string>,
  dropApp: (appId: string) => Promise<unknown>,
): Promise<ColdFigures> {
  const pairs = Number(values["cold-pairs"]);
  const sdk = pathToFileURL(join(projectRoot, "packages/sdk/dist/packages/index.js")).href;
  const profileDir = values["cold-cpu-prof"];
  // The very module the in-process rounds run, as a module a plain node can import.
  const source = await readFile(join(projectRoot, "scripts/lib/minimal-uploader.ts"), "utf8");
  const { code } = await transform(source, { loader: "ts", format: "esm" });
  const uploader = `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
  const side = async (which: "sdk" | "minimal"): Promise<Sample> => {
    const appId = await freshApp();
    const { url, publicKey, privateKey, groupId } = emu;
    const env = {
      ...process.env,
      BENCH_COLD: JSON.stringify({
        ...{ side: which, sdk, uploader, url, publicKey, privateKey, groupId, appId, dir },
        ...{ concurrency, files },
      }),
    };
    const profile = profileDir ? ["--cpu-prof", "--cpu-prof-dir", join(profileDir, which)] : [];
    const start = performance.now();
    const emulatorStart = emulatorCpu();
    const child = spawn(process.execPath, [...profile, "--input-type=module", "-e", COLD_CHILD], {
      stdio: ["ignore", "pipe", "inherit"],
      env,
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    const [code] = (await once(child, "exit")) as [number | null];
    const emulatorUsed = emulatorCpu() - emulatorStart;
    if (code !== 0) throw new Error(`cold ${which}: exit code ${code}`);
    const end = performance.now();
    // As the in-process rounds do: an emulator holding every app's files would slow what follows.
    await dropApp(appId);
    const { wall, cpu } = JSON.parse(out) as { wall: number; cpu: number };
    return { wall, cpu, emulatorCpu: emulatorUsed, start, end };
  };
  const sdkRuns: Sample[] = [];
  const minimalRuns: Sample[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      sdkRuns.push(await side("sdk"));
      minimalRuns.push(await side("minimal"));
    } else {
      minimalRuns.push(await side("minimal"));
      sdkRuns.push(await side("sdk"));
    }
    console.log(
      `cold first sync ${i + 1}/${pairs}: ${pair(sdkRuns, minimalRuns, "minimal uploader")}`,
    );
  }
  return {
    cold_pairs: pairs,
    cold_first_sync_ms: medianOf(sdkRuns, "wall"),
    cold_first_sync_cpu_ms: medianOf(sdkRuns, "cpu"),
    cold_minimal_uploader_ms: medianOf(minimalRuns, "wall"),
    cold_minimal_uploader_cpu_ms: medianOf(minimalRuns, "cpu"),
    cold_first_sync_emulator_cpu_ms: medianOf(sdkRuns, "emulatorCpu"),
    cold_minimal_uploader_emulator_cpu_ms: medianOf(minimalRuns, "emulatorCpu"),
    cold_first_sync_ratio: pairedRatio(sdkRuns, minimalRuns, "wall"),
    cold_first_sync_ratio_iqr: pairedQuartiles(sdkRuns, minimalRuns, "wall"),
    cold_first_sync_cpu_ratio: pairedRatio(sdkRuns, minimalRuns, "cpu"),
  };
}

function printCold(cold: ColdFigures): void {
  console.log(
    `cold first sync (a fresh process each, ${cold.cold_pairs} pairs) ${cold.cold_first_sync_ms} ms ` +
      `(CPU ${cold.cold_first_sync_cpu_ms} ms) vs minimal uploader ${cold.cold_minimal_uploader_ms} ms ` +
      `(CPU ${cold.cold_minimal_uploader_cpu_ms} ms): ${cold.cold_first_sync_ratio}x wall ` +
      `(quartiles ${cold.cold_first_sync_ratio_iqr.join("-")}), ${cold.cold_first_sync_cpu_ratio}x CPU`,
  );
}

/** Writes the tree (sizes log-uniform, fixed seed); returns its total size in bytes. */
async function makeTree(dir: string): Promise<number> {
  let seed = 0x2f6e2b1;
  const random = () => {
    // mulberry32: a small seeded generator, so every run writes the same sizes.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  let total = 0;
  for (let i = 0; i < files; i++) {
    const folder = join(dir, `d${Math.floor(i / PER_FOLDER)}`);
    if (i % PER_FOLDER === 0) await mkdir(folder, { recursive: true });
    const size = Math.round(minSize * (maxSize / minSize) ** random());
    await writeFile(join(folder, `f${i}.html`), randomBytes(size));
    total += size;
  }
  return total;
}

/**
 * A caller with no network behind it: the listing is empty and every upload is answered at once
 * (`offlineAnswer`). A first sync through it costs hosting's own reading, hashing, body building
 * and bookkeeping, and nothing of a request.
 */
function offlineCaller(): AdminCaller {
  const call = async (
    operation: { method: string; path: string },
    params: Record<string, unknown>,
  ): Promise<unknown> => {
    if (operation.method === "GET" && operation.path.endsWith("/hosting/assets")) return [];
    const body = params["body"];
    if (operation.method !== "PUT" || !(body instanceof Uint8Array))
      throw new Error(
        `offline: ${operation.method} ${operation.path} is not an upload from memory`,
      );
    return offlineAnswer(body);
  };
  return { call } as unknown as AdminCaller;
}

/**
 * A caller with no client behind it: each call is one `fetch` with the bearer token (no session,
 * retries, timeouts, typed errors or openapi-fetch), the body sent as given. What `syncHosting`
 * costs through it, next to the SDK's client, tells hosting's work from the request path's.
 */
function bareCaller(emu: Emulator, token: string): AdminCaller {
  const call = async (
    operation: { method: string; path: string; queryParams: readonly string[] },
    params: Record<string, unknown>,
    options?: { headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<unknown> => {
    let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(params[name])),
    );
    const query = operation.queryParams.filter((name) => params[name] !== undefined);
    if (query.length)
      path += "?" + query.map((name) => `${name}=${String(params[name])}`).join("&");
    const body = params["body"];
    const response = await fetch(emu.url + path, {
      method: operation.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined &&
          !(body instanceof Uint8Array) && { "content-type": "application/json" }),
        ...options?.headers,
      },
      body: body === undefined || body instanceof Uint8Array ? body : JSON.stringify(body),
      signal: options?.signal,
      ...UNCLONED,
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`bare caller: ${operation.method} ${path}: HTTP ${response.status}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { call } as unknown as AdminCaller;
}

/**
 * A caller that answers the listing from memory: the app's listing fetched once, kept as its JSON
 * bytes and decoded and parsed on every call, as a client does with a response. A no-op sync
 * through it costs what hosting's own walk, hashing and compare cost, without a request.
 */
async function localListing(emu: Emulator, token: string, appId: string): Promise<AdminCaller> {
  const listingPath = `/groups/${emu.groupId}/apps/${appId}/hosting/assets`;
  const response = await fetch(`${emu.url}${listingPath}?recursive=true`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`listing from memory: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const call = async (operation: { method: string; path: string }) => {
    if (operation.method !== "GET" || !operation.path.endsWith("/hosting/assets"))
      throw new Error(
        `listing from memory: ${operation.method} ${operation.path} is not the listing`,
      );
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  };
  return { call } as unknown as AdminCaller;
}

/**
 * A caller that answers the listing already parsed: the array `local` gives, the same one on every
 * call (a sync reads the listing and never changes it). A no-op sync through it costs hosting's
 * own walk, hashing and compare, without the listing's request or its parse.
 */
async function parsedListing(local: AdminCaller): Promise<AdminCaller> {
  const listing = await local.call(
    { method: "GET", path: "/hosting/assets" } as never,
    {} as never,
  );
  const call = async (operation: { method: string; path: string }) => {
    if (operation.method !== "GET" || !operation.path.endsWith("/hosting/assets"))
      throw new Error(`parsed listing: ${operation.method} ${operation.path} is not the listing`);
    return listing;
  };
  return { call } as unknown as AdminCaller;
}

async function measure(run: () => Promise<void>): Promise<Sample> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const emulatorStart = emulatorCpu();
  await run();
  const cpu = process.cpuUsage(cpuStart);
  const end = performance.now();
  return {
    wall: end - start,
    cpu: (cpu.user + cpu.system) / 1000,
    emulatorCpu: emulatorCpu() - emulatorStart,
    start,
    end,
  };
}

/** Full collections that started during the runs of `samples`. */
function fullGcsIn(samples: Sample[]): number {
  return fullGcs.filter((at) => samples.some((s) => at >= s.start && at <= s.end)).length;
}

/** The emulator process's CPU so far in ms (Linux `/proc`, 10 ms ticks; NaN elsewhere). */
function emulatorCpu(): number {
  try {
    const fields = readFileSync(`/proc/${emulatorPid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function describeRun(x: Sample): string {
  return `${x.wall.toFixed(0)} ms (CPU ${x.cpu.toFixed(0)} ms, emulator ${x.emulatorCpu} ms)`;
}

function pair(a: Sample[], b: Sample[], name: string): string {
  const x = a.at(-1)!;
  const y = b.at(-1)!;
  return `sdk ${describeRun(x)}, ${name} ${describeRun(y)}: ${(x.wall / y.wall).toFixed(2)}x`;
}

function medianOf(samples: Sample[], key: keyof Sample): number {
  return round1(median(samples.map((s) => s[key])));
}

/** The median of each pair's ratio a/b. */
function pairedRatio(a: Sample[], b: Sample[], key: keyof Sample): number {
  return round2(median(a.map((s, i) => s[key] / b[i]![key])));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
