// Log pagination cost: every entry of a 100 000-entry app through iterateLogs, through the SDK's
// pages (`logPages`, each page's entries walked in a plain loop: the client's share without the
// per-entry `for await`), through the same page loop on openapi-fetch alone (a client on the
// generated `paths`, with the token as a header), the same again with each request bounded as
// the SDK bounds an attempt by default (an AbortController whose signal fetch follows, a 60 s
// timer cleared once the page is read: what a per-request timeout costs, apart from the SDK's own
// layers; the headline stays the unbounded loop), and through a hand-written loop of bare fetch
// calls, against the emulator in a child process (so its work of building and serialising pages
// does not share this process's event loop and heap with the client being measured). Each round
// runs all five, the order rotated; CPU is this process's time; medians and paired per-round
// ratios are reported. A forced full collection precedes every timed run (`pairedRuns`), so no
// walk pays for the garbage of the one before; it also leaves the heap small, as in a fresh
// process, and every walk then costs 1.5-1.7 times the CPU it costs in a long-lived process's
// heap. Without it (December 2026, 100 000 entries, 9 rounds) the headline read 1.14 (quartiles
// 1.04–1.20) where it read 0.97–1.11 with it, while separate CPU profiles of the SDK's pages and
// of openapi-fetch's showed the same busy time: the ratio moves with which walk meets which
// collection. Memory runs are separate from timed runs: peak heapUsed growth sampled on
// every page, and the live heap (after a forced GC every 10 000 entries), at 20 000 and at 100 000
// entries.
// The SDK timed is the built package, as users run it (scripts/lib/built-sdk.ts: `npm run build`
// first unless --no-build). The openapi-fetch loop runs on its own module instance of openapi-fetch
// (scripts/lib/openapi-fetch-baseline.ts), not the one the SDK imports, so V8's inline caches in
// openapi-fetch's functions are not shared between the two callers and each is measured as a
// user running only it would run it.
// The SDK's pages are `GetLogs` namespace calls, built and read without openapi-fetch (see
// bench-requests.ts); iterateLogs adds its per-entry `for await` over them.
// Usage: npm run bench:logs [-- --entries 100000 --small 20000 --rounds 9 --no-build]
// Last line: {"bench":"logs",...,"cpu_ratio_openapi_fetch":<median of per-round iterateLogs/openapi-fetch CPU>,
// "cpu_ratio_openapi_fetch_iqr":[<its lower and upper quartile>]}
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { paths } from "../generated/schema.js";
import { pairedQuartiles, pairedRatio, pairedRuns, summary } from "./lib/paired-runs.js";
import { runMain } from "../spec/run-main.js";
import { buildSdk, builtRoot } from "./lib/built-sdk.js";
import { baselineCreateClient } from "./lib/openapi-fetch-baseline.js";

const { values } = parseArgs({
  options: {
    entries: { type: "string", default: "100000" },
    small: { type: "string", default: "20000" },
    rounds: { type: "string", default: "9" },
    "no-build": { type: "boolean", default: false },
  },
});
buildSdk(!values["no-build"]);
const { createAdminClient, iterateLogs, logPages } = await builtRoot();
const createClient = await baselineCreateClient();
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
    type Name = keyof typeof walks;
    const names = Object.keys(walks) as Name[];

    for (const walk of Object.values(walks)) expectCount(await walk(entries), entries); // warm-up
    const variants = Object.fromEntries(
      names.map((name) => [name, async () => expectCount(await walks[name](entries), entries)]),
    ) as Record<Name, () => Promise<void>>;
    const samples = await pairedRuns(variants, rounds, (round, s) => {
      const show = (name: Name) =>
        `${name} ${s[name].wallMs.toFixed(0)} ms (cpu ${s[name].cpuMs.toFixed(0)})`;
      console.log(`round ${round + 1}/${rounds}: ${names.map(show).join(", ")}`);
    });
    const figures = Object.fromEntries(
      names.map((name) => [name, summary(samples[name], entries)]),
    ) as Record<Name, ReturnType<typeof summary>>;
    for (const name of names) {
      const f = figures[name];
      console.log(
        `${name.padEnd(12)} ${Math.round(entries / (f.wallMs / 1000))} entries/s ` +
          `(median ${f.wallMs} ms wall, ${f.cpuMs} ms client CPU)`,
      );
    }

    const heap: Record<
      string,
      Record<string, { peakGrowthMiB: number; liveGrowthMiB: number }>
    > = {};
    for (const name of names) {
      heap[name] = {};
      for (const n of [small, entries]) {
        const m = await measureHeap(walks[name], n);
        heap[name][String(n)] = m;
        console.log(
          `${name.padEnd(12)} ${String(n).padStart(6)} entries: peak heap growth ${m.peakGrowthMiB} MiB, live heap growth ${m.liveGrowthMiB} MiB`,
        );
      }
    }
    const ratio = (b: Name, key: "cpuMs" | "wallMs") =>
      Number(pairedRatio(samples.iterateLogs, samples[b], key).toFixed(3));
    console.log(
      JSON.stringify({
        bench: "logs",
        entries,
        rounds,
        emulator: "child process",
        ...figures,
        heap,
        // The client's share: SDK pages vs openapi-fetch pages, both walked in a plain loop.
        cpu_ratio_pages_openapi_fetch: Number(
          pairedRatio(samples.logPages, samples.openapiFetch, "cpuMs").toFixed(3),
        ),
        cpu_ratio_fetch: ratio("fetch", "cpuMs"),
        // Against openapi-fetch bounding each request as the SDK bounds each attempt.
        cpu_ratio_openapi_fetch_bounded: ratio("openapiFetchBounded", "cpuMs"),
        wall_ratio_openapi_fetch: ratio("openapiFetch", "wallMs"),
        wall_ratio_fetch: ratio("fetch", "wallMs"),
        cpu_ratio_openapi_fetch: ratio("openapiFetch", "cpuMs"),
        cpu_ratio_openapi_fetch_iqr: pairedQuartiles(
          samples.iterateLogs,
          samples.openapiFetch,
          "cpuMs",
        ),
      }),
    );
  } finally {
    child.kill("SIGTERM");
  }
});

/** Logs the clients in and returns the walks over the seeded app's logs. */
async function prepare(
  emu: Emulator,
): Promise<
  Record<"iterateLogs" | "logPages" | "openapiFetch" | "openapiFetchBounded" | "fetch", Walk>
> {
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
  const plain = createClient<paths>({ baseUrl: emu.url, headers });
  const logsUrl = `${emu.url}/groups/${emu.groupId}/apps/${emu.appId}/logs`;
  let sink = 0; // every entry is read, so no loop can skip work

  const iterate: Walk = async (max, sample) => {
    let count = 0;
    for await (const entry of iterateLogs(admin, app, { maxEntries: max })) {
      sink ^= entry._id!.length;
      if (++count % 100 === 0) sample?.(count);
    }
    return count;
  };
  const pages: Walk = async (max, sample) => {
    let count = 0;
    for await (const page of logPages(admin, app)) {
      for (const entry of page.logs) {
        sink ^= entry._id!.length;
        if (++count % 100 === 0) sample?.(count);
        if (count === max) return count;
      }
    }
    return count;
  };
  const viaOpenapiFetch =
    (bounded: boolean): Walk =>
    async (max, sample) => {
      let count = 0;
      let cursor: { end_date?: string; skip?: number } = {};
      for (;;) {
        const controller = bounded ? new AbortController() : undefined;
        const timer = controller && setTimeout(() => controller.abort(), 60_000);
        const { data, response } = await plain.GET("/groups/{groupId}/apps/{appId}/logs", {
          params: { path: app, query: cursor },
          ...(controller && { signal: controller.signal }),
        });
        clearTimeout(timer);
        if (!response.ok || !data) throw new Error(`openapi-fetch: HTTP ${response.status}`);
        const page = data as { logs: { _id: string }[]; nextEndDate?: string; nextSkip?: number };
        for (const entry of page.logs) {
          sink ^= entry._id.length;
          if (++count % 100 === 0) sample?.(count);
          if (count === max) return count;
        }
        if (page.nextEndDate === undefined) return count;
        cursor = {
          end_date: page.nextEndDate,
          ...(page.nextSkip === undefined ? {} : { skip: page.nextSkip }),
        };
      }
    };
  const viaFetch: Walk = async (max, sample) => {
    let count = 0;
    let cursor = "";
    for (;;) {
      const response = await fetch(logsUrl + cursor, { headers });
      if (!response.ok) throw new Error(`fetch: HTTP ${response.status}`);
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
  return {
    iterateLogs: iterate,
    logPages: pages,
    openapiFetch: viaOpenapiFetch(false),
    openapiFetchBounded: viaOpenapiFetch(true),
    fetch: viaFetch,
  };
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
