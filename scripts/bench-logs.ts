// Log pagination throughput and memory: every entry of a 100 000-entry app through iterateLogs and
// through a hand-written loop of raw fetch calls, against the emulator in a child process (so its
// work of building and serialising pages does not share this process's event loop and heap with
// the client being measured). Timing rounds alternate which goes first; medians are reported.
// Memory runs are separate from timed runs: peak heapUsed growth sampled on every page, and the
// live heap (after a forced GC every 10 000 entries), at 20 000 and at 100 000 entries.
// Usage: npm run bench:logs [-- --entries 100000 --small 20000 --rounds 5]
// Last line: {"bench":"logs",...,"ratio":<iterateLogs/raw median time>}
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createAdminClient } from "../packages/client/create-admin-client.js";
import { iterateLogs } from "../packages/logs/index.js";
import { runMain } from "./lib/run-main.js";

const { values } = parseArgs({
  options: {
    entries: { type: "string", default: "100000" },
    small: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
  },
});
const entries = Number(values.entries);
const small = Number(values.small);
const rounds = Number(values.rounds);
const gc = (globalThis as { gc?: () => void }).gc;

interface Emulator {
  url: string;
  publicKey: string;
  privateKey: string;
  groupId: string;
  appId: string;
}

/** A loop over the entries: `sample` runs after every page's worth of entries. */
type Walk = (max: number, sample?: (count: number) => void) => Promise<number>;

runMain(async () => {
  if (!gc)
    throw Object.assign(new Error("run with node --expose-gc (npm run bench:logs does)"), {
      exitCode: 2,
    });
  const root = fileURLToPath(new URL("..", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/emulator.ts", "--log-count", String(entries)],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const emu = JSON.parse(line) as Emulator;
    const walks = await prepare(emu);

    for (const walk of Object.values(walks)) expectCount(await walk(entries), entries); // warm-up
    const times: Record<keyof typeof walks, number[]> = { iterateLogs: [], raw: [] };
    // This process's CPU time per walk: the client's own cost, without the emulator's share of the
    // wall time (and less disturbed by other work on a shared machine).
    const cpu: Record<keyof typeof walks, number[]> = { iterateLogs: [], raw: [] };
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first so neither always runs on a warmer process.
      const order =
        round % 2 === 0 ? (["iterateLogs", "raw"] as const) : (["raw", "iterateLogs"] as const);
      for (const name of order) {
        gc!();
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        expectCount(await walks[name](entries), entries);
        times[name].push(performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        cpu[name].push((used.user + used.system) / 1000);
      }
      console.log(
        `round ${round + 1}/${rounds}: iterateLogs ${times.iterateLogs.at(-1)!.toFixed(0)} ms (cpu ${cpu.iterateLogs.at(-1)!.toFixed(0)}), ` +
          `raw ${times.raw.at(-1)!.toFixed(0)} ms (cpu ${cpu.raw.at(-1)!.toFixed(0)})`,
      );
    }
    const ms = { iterateLogs: median(times.iterateLogs), raw: median(times.raw) };
    const cpuMs = { iterateLogs: median(cpu.iterateLogs), raw: median(cpu.raw) };
    const perSec = (t: number) => Math.round(entries / (t / 1000));
    for (const name of ["iterateLogs", "raw"] as const) {
      console.log(
        `${name.padEnd(11)} ${perSec(ms[name])} entries/s (median ${ms[name].toFixed(0)} ms wall, ${cpuMs[name].toFixed(0)} ms client CPU)`,
      );
    }

    const heap: Record<
      string,
      Record<string, { peakGrowthMiB: number; liveGrowthMiB: number }>
    > = {};
    for (const name of ["iterateLogs", "raw"] as const) {
      heap[name] = {};
      for (const n of [small, entries]) {
        const m = await measureHeap(walks[name], n);
        heap[name][String(n)] = m;
        console.log(
          `${name.padEnd(11)} ${String(n).padStart(6)} entries: peak heap growth ${m.peakGrowthMiB} MiB, live heap growth ${m.liveGrowthMiB} MiB`,
        );
      }
    }
    console.log(
      JSON.stringify({
        bench: "logs",
        entries,
        rounds,
        emulator: "child process",
        iterateLogsMs: round1(ms.iterateLogs),
        rawMs: round1(ms.raw),
        iterateLogsEntriesPerSec: perSec(ms.iterateLogs),
        rawEntriesPerSec: perSec(ms.raw),
        iterateLogsCpuMs: round1(cpuMs.iterateLogs),
        rawCpuMs: round1(cpuMs.raw),
        cpuRatio: Number((cpuMs.iterateLogs / cpuMs.raw).toFixed(3)),
        heap,
        ratio: Number((ms.iterateLogs / ms.raw).toFixed(3)),
      }),
    );
  } finally {
    child.kill("SIGTERM");
  }
});

/** Logs both clients in and returns the two walks over the seeded app's logs. */
async function prepare(emu: Emulator): Promise<Record<"iterateLogs" | "raw", Walk>> {
  const admin = createAdminClient({
    baseUrl: emu.url,
    credentials: { publicKey: emu.publicKey, privateKey: emu.privateKey },
  });
  const app = { groupId: emu.groupId, appId: emu.appId };
  const login = await fetch(`${emu.url}/auth/providers/mongodb-cloud/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: emu.publicKey, apiKey: emu.privateKey }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}` };
  const logsUrl = `${emu.url}/groups/${emu.groupId}/apps/${emu.appId}/logs`;
  let sink = 0; // every entry is read, so neither loop can skip work

  const iterate: Walk = async (max, sample) => {
    let count = 0;
    for await (const entry of iterateLogs(admin, app, { maxEntries: max })) {
      sink ^= entry._id!.length;
      if (++count % 100 === 0) sample?.(count);
    }
    return count;
  };
  const raw: Walk = async (max, sample) => {
    let count = 0;
    let cursor = "";
    for (;;) {
      const response = await fetch(logsUrl + cursor, { headers });
      if (!response.ok) throw new Error(`raw: HTTP ${response.status}`);
      const page = (await response.json()) as {
        logs: { _id: string }[];
        nextEndDate?: string;
        nextSkip?: number;
      };
      for (const entry of page.logs) {
        sink ^= entry._id.length;
        if (++count % 100 === 0) sample?.(count);
        if (count === max) return count;
      }
      if (page.nextEndDate === undefined) return count;
      cursor = `?end_date=${encodeURIComponent(page.nextEndDate)}${page.nextSkip === undefined ? "" : `&skip=${page.nextSkip}`}`;
    }
  };
  await iterate(1);
  void sink;
  return { iterateLogs: iterate, raw };
}

/** Peak heapUsed growth sampled on every page, and live heap growth after a GC every 10 000 entries. */
async function measureHeap(walk: Walk, n: number) {
  gc!();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let live = 0;
  expectCount(
    await walk(n, (count) => {
      const used = process.memoryUsage().heapUsed;
      peak = Math.max(peak, used - base);
      if (count % 10_000 === 0) {
        gc!();
        live = Math.max(live, process.memoryUsage().heapUsed - base);
      }
    }),
    n,
  );
  const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(2));
  return { peakGrowthMiB: mib(peak), liveGrowthMiB: mib(live) };
}

function expectCount(got: number, want: number): void {
  if (got !== want) throw new Error(`walked ${got} entries, expected ${want}`);
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

function round1(x: number): number {
  return Number(x.toFixed(1));
}
