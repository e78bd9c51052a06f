// pullApp and a no-op pushApp of a large app against the emulator in a child process (its CPU is
// not this process's), each against the same HTTP requests sent alone.
// The app: 500 functions, 50 triggers, 2,000 hosted files of 2 KB, set up with one pushApp.
// Every round times, alternately: a pull (with hosting) into a fresh folder; the requests that
// pull made, replayed with plain fetch (API calls all at once, downloads 8 at a time, bodies
// read); a no-op push (with hosting); the requests it made, replayed the same way; and those
// requests together with hashing the hosted files (what a no-op push cannot avoid: `hashTree`).
// The replay sends every request at once where the SDK waits for one before the next, so it is a
// lower bound. Medians of wall time and of this process's CPU.
// Usage: npm run bench:config [-- --functions 500 --triggers 50 --files 2000 --size 2048 --runs 5]
// Last line: {"bench":"config",...}.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createAdminClient } from "../packages/client/index.js";
import { pullApp, pushApp, stableJson } from "../packages/config/index.js";
import { hashTree } from "../packages/hosting/index.js";
import { runMain } from "../spec/run-main.js";
import { median, round1 } from "./lib/stats.js";

const { values } = parseArgs({
  options: {
    functions: { type: "string", default: "500" },
    triggers: { type: "string", default: "50" },
    files: { type: "string", default: "2000" },
    size: { type: "string", default: "2048" },
    runs: { type: "string", default: "5" },
  },
});
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

type Measured = "pull" | "pullAlone" | "push" | "pushAlone" | "pushAloneHash";

interface Timing {
  wall: number;
  cpu: number;
}

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
    const admin = createAdminClient({
      baseUrl: emu.url,
      credentials: { publicKey: emu.publicKey, privateKey: emu.privateKey },
      fetch: async (request) => (await recording(request, false), fetch(request)),
    });
    // Outside the recorded runs the pull's downloads go straight to fetch: building a Request to
    // record is the harness's cost, which the replay it is compared with does not pay.
    const downloads: typeof fetch = async (input, init) => {
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

    let round = 0;
    const pull = () =>
      pullApp(admin, {
        ...ids,
        dir: join(work, `pull-${round++}`),
        includeHosting: true,
        fetch: downloads,
      });
    const push = async () => {
      const result = await pushApp(admin, { ...ids, dir: app, includeHosting: true });
      if (result.deployment || result.hosting || result.diff.hasChanges)
        throw new Error(
          `the no-op push was not one: ${JSON.stringify(result.diff.changes.slice(0, 3))}`,
        );
    };
    const pullRequests = await recorded((l) => (log = l), pull);
    const pushRequests = await recorded((l) => (log = l), push);
    log = undefined;
    console.log(
      `a pull sends ${pullRequests.length} requests (${pullRequests.filter((r) => r.download).length} downloads); a no-op push ${pushRequests.length}`,
    );

    const t: Record<Measured, Timing[]> = {
      pull: [],
      pullAlone: [],
      push: [],
      pushAlone: [],
      pushAloneHash: [],
    };
    for (let r = 0; r < runs; r++) {
      t.pull.push(await timed(pull));
      t.pullAlone.push(await timed(() => replay(pullRequests)));
      t.push.push(await timed(push));
      t.pushAlone.push(await timed(() => replay(pushRequests)));
      t.pushAloneHash.push(
        await timed(() =>
          Promise.all([replay(pushRequests), hashTree(join(app, "hosting/files"))]),
        ),
      );
      console.log(
        `round ${r + 1}/${runs}: ` +
          Object.entries(t)
            .map(([k, v]) => `${k} ${v.at(-1)!.wall.toFixed(0)} ms`)
            .join(", "),
      );
    }
    const m = Object.fromEntries(
      Object.entries(t).map(([k, v]) => [
        k,
        { wall: median(v.map((x) => x.wall)), cpu: median(v.map((x) => x.cpu)) },
      ]),
    ) as Record<Measured, Timing>;
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const summary = {
      bench: "config",
      ...counts,
      emulator: "child process",
      runs,
      pull_requests: pullRequests.length,
      push_requests: pushRequests.length,
      pull_ms: round1(m.pull.wall),
      pull_cpu_ms: round1(m.pull.cpu),
      pull_requests_alone_ms: round1(m.pullAlone.wall),
      pull_requests_alone_cpu_ms: round1(m.pullAlone.cpu),
      noop_push_ms: round1(m.push.wall),
      noop_push_cpu_ms: round1(m.push.cpu),
      push_requests_alone_ms: round1(m.pushAlone.wall),
      push_requests_alone_cpu_ms: round1(m.pushAlone.cpu),
      push_requests_and_hashing_ms: round1(m.pushAloneHash.wall),
      pull_vs_requests_ratio: ratio(m.pull.wall, m.pullAlone.wall),
      push_vs_requests_ratio: ratio(m.push.wall, m.pushAlone.wall),
      push_vs_requests_and_hashing_ratio: ratio(m.push.wall, m.pushAloneHash.wall),
    };
    console.log(
      `pull ${summary.pull_ms} ms (target <= 2000), ${summary.pull_vs_requests_ratio}x its requests alone; ` +
        `no-op push ${summary.noop_push_ms} ms (target <= 1000), ${summary.push_vs_requests_ratio}x its requests alone, ` +
        `${summary.push_vs_requests_and_hashing_ratio}x with hashing (target <= 1.5x)`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    child.kill("SIGTERM");
    await rm(work, { recursive: true, force: true });
  }
});

/** Writes the functions, triggers and hosted files into a pulled folder. */
async function writeApp(dir: string): Promise<void> {
  const functions = Array.from({ length: counts.functions }, (_, i) => ({
    name: `fn${i}`,
    private: i % 2 === 0,
  }));
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

/** The same requests with plain fetch: API calls all at once, downloads 8 at a time. */
async function replay(requests: readonly Recorded[]): Promise<void> {
  const send = async (r: Recorded) => {
    const response = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body });
    await response.arrayBuffer();
    if (response.status >= 400)
      throw new Error(`replay: ${r.method} ${r.url} answered ${response.status}`);
  };
  const downloads = requests.filter((r) => r.download);
  let next = 0;
  const lane = async () => {
    while (next < downloads.length) await send(downloads[next++]!);
  };
  await Promise.all([
    ...requests.filter((r) => !r.download).map(send),
    ...Array.from({ length: 8 }, lane),
  ]);
}

async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}
