// npm run bench:emulator [-- --requests 100000 --concurrency 50 --pairs 3 --pair-requests 10000]
//
// Throughput and latency of the emulator under a mixed CRUD workload (list, get, create, update,
// delete of functions and Values) at a fixed concurrency, over keep-alive loopback HTTP, with the
// emulator in a child process so its CPU and RSS are its own. One long run of --requests samples
// the child's RSS every tenth of the way (flat means no leak); then --pairs alternated runs of the
// emulator and of the baseline (a bare node:http server answering a fixed JSON body: the floor any
// Node HTTP service pays) give medians of wall-clock req/s and child CPU per request.
// Prints figures; the last line is one JSON object. Asserts nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    concurrency: { type: "string", default: "50" },
    pairs: { type: "string", default: "3" },
    "pair-requests": { type: "string", default: "10000" },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const pairs = Number(values.pairs);
const pairRequests = Number(values["pair-requests"]);
const root = fileURLToPath(new URL("..", import.meta.url));

interface Server {
  child: ChildProcess;
  origin: string;
  base: string;
  token: string;
  appPath: string;
}

/** Starts a child that prints one JSON line with its URL, and logs in when it is the emulator. */
async function startChild(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.setEncoding("utf8");
  while (!out.includes("\n")) {
    const [chunk] = (await Promise.race([once(child.stdout!, "data"), once(child, "exit")])) as [
      unknown,
    ];
    if (typeof chunk !== "string") throw new Error("child exited before printing its URL");
    out += chunk;
  }
  const info = JSON.parse(out.split("\n")[0]!) as Record<string, string>;
  const url = new URL(info.url!);
  const server: Server = { child, origin: url.origin, base: url.pathname, token: "", appPath: "" };
  if (info.publicKey) {
    const login = await send(server, "POST", "/auth/providers/mongodb-cloud/login", {
      username: info.publicKey,
      apiKey: info.privateKey,
    });
    server.token = (login.body as { access_token: string }).access_token;
    server.appPath = `/groups/${info.groupId}/apps/${info.appId}`;
  }
  return server;
}

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(
  s: Server,
  method: string,
  path: string,
  json?: unknown,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const req = request(
      `${s.origin}${s.base}${path}`,
      {
        method,
        agent,
        headers: {
          ...(s.token ? { authorization: `Bearer ${s.token}` } : {}),
          ...(payload
            ? { "content-type": "application/json", "content-length": payload.length }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The mixed workload: 65% reads, 35% writes (create, update, delete of Values in equal parts). */
function workload(s: Server) {
  const fns: string[] = [];
  const pool: { id: string; name: string }[] = [];
  let n = 0;
  return {
    async prepare() {
      for (let i = 0; i < 20; i++) {
        const made = await send(s, "POST", `${s.appPath}/functions`, {
          name: `f${i}`,
          private: false,
          source: "exports = () => 1;",
        });
        fns.push((made.body as { _id: string })._id);
      }
    },
    next(): [string, string, unknown?] {
      const i = n++;
      const r = i % 20;
      if (!s.token) return ["GET", "/ping"];
      if (r < 6) return ["GET", `${s.appPath}/functions`];
      if (r < 11) return ["GET", `${s.appPath}/functions/${fns[i % fns.length]}`];
      if (r < 13) return ["GET", `${s.appPath}/values`];
      if (r < 15)
        return ["POST", `${s.appPath}/values`, { name: `v${i}`, private: false, value: i }];
      if (r < 17 && pool.length > 1)
        // The repaired spec's update body is the whole value (ValueConstructor: `name` required).
        return [
          "PUT",
          `${s.appPath}/values/${pool[pool.length - 1]!.id}`,
          { name: pool[pool.length - 1]!.name, private: false, value: i },
        ];
      // As many deletes as creates: the pool stays small, so the work per request stays the same.
      if (r < 19 && pool.length > 1) return ["DELETE", `${s.appPath}/values/${pool.shift()!.id}`];
      return ["GET", `${s.appPath}/functions`];
    },
    created(path: string, body: unknown) {
      if (path.endsWith("/values") && body && typeof body === "object")
        pool.push({ id: (body as { _id: string })._id, name: (body as { name: string }).name });
    },
  };
}

/** CPU seconds (user + system) and RSS bytes of a child, from /proc. */
function usage(pid: number): { cpu: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rssPages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
  return { cpu: ticks / 100, rss: rssPages * 4096 };
}

async function run(s: Server, count: number, onProgress?: (done: number) => void) {
  const w = workload(s);
  if (s.token) await w.prepare();
  const latencies = new Float64Array(count);
  let issued = 0;
  let done = 0;
  let errors = 0;
  const before = usage(s.child.pid!);
  const started = performance.now();
  const worker = async () => {
    while (issued < count) {
      const index = issued++;
      const [method, path, body] = w.next();
      const t = performance.now();
      const answer = await send(s, method, path, body);
      latencies[index] = performance.now() - t;
      if (answer.status >= 400) errors++;
      if (method === "POST") w.created(path, answer.body);
      done++;
      if (onProgress && done % (count / 10) === 0) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = (performance.now() - started) / 1000;
  const after = usage(s.child.pid!);
  latencies.sort();
  const at = (q: number) => latencies[Math.min(count - 1, Math.floor(q * count))]!;
  return {
    rps: count / wall,
    wall,
    cpuPerRequestUs: ((after.cpu - before.cpu) / count) * 1e6,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    rss: after.rss,
  };
}

async function stop(s: Server) {
  s.child.kill("SIGTERM");
  await once(s.child, "exit");
}

const baselineSource = `
const { createServer } = require("node:http");
const body = JSON.stringify({ ok: true });
const server = createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200, { "content-type": "application/json", "content-length": body.length }); res.end(body); }); });
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ url: "http://127.0.0.1:" + server.address().port })));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;
// `node --import tsx` keeps the emulator in this one child process (the tsx CLI would fork again).
const emulatorArgs = ["--import", "tsx", "scripts/emulator.ts", "--log-count", "0"];
const baselineArgs = ["-e", baselineSource];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const emu = await startChild(emulatorArgs);
const rssCurve: number[] = [];
const long = await run(emu, total, () => rssCurve.push(usage(emu.child.pid!).rss));
await stop(emu);
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
console.log(
  `emulator, ${total} requests at concurrency ${concurrency}: ${long.rps.toFixed(0)} req/s, p50 ${long.p50.toFixed(2)} ms, p99 ${long.p99.toFixed(2)} ms, ` +
    `${long.cpuPerRequestUs.toFixed(0)} µs CPU/request, ${long.errors} errors`,
);
console.log(`RSS every ${total / 10} requests (MB): ${rssCurve.map(mb).join(" ")}`);

const paired = {
  emulator: [] as number[],
  baseline: [] as number[],
  emulatorCpu: [] as number[],
  baselineCpu: [] as number[],
};
for (let i = 0; i < pairs; i++) {
  for (const [name, args] of (i % 2 === 0
    ? [
        ["emulator", emulatorArgs],
        ["baseline", baselineArgs],
      ]
    : [
        ["baseline", baselineArgs],
        ["emulator", emulatorArgs],
      ]) as [string, string[]][]) {
    const s = await startChild(args);
    const r = await run(s, pairRequests);
    await stop(s);
    paired[name as "emulator" | "baseline"].push(r.rps);
    paired[`${name}Cpu` as "emulatorCpu" | "baselineCpu"].push(r.cpuPerRequestUs);
  }
}
const emuRps = median(paired.emulator);
const baseRps = median(paired.baseline);
console.log(
  `paired (${pairs} × ${pairRequests}, alternated): emulator median ${emuRps.toFixed(0)} req/s, ${median(paired.emulatorCpu).toFixed(0)} µs CPU/request; ` +
    `baseline (bare node:http) ${baseRps.toFixed(0)} req/s, ${median(paired.baselineCpu).toFixed(0)} µs CPU/request`,
);
console.log(
  JSON.stringify({
    bench: "emulator",
    requests: total,
    concurrency,
    rps: Math.round(long.rps),
    p50_ms: Number(long.p50.toFixed(2)),
    p99_ms: Number(long.p99.toFixed(2)),
    cpu_us_per_request: Math.round(long.cpuPerRequestUs),
    errors: long.errors,
    rss_mb: rssCurve.map((b) => Number(mb(b))),
    paired_rps_median: Math.round(emuRps),
    baseline_rps_median: Math.round(baseRps),
    ratio_vs_baseline: Number((emuRps / baseRps).toFixed(3)),
  }),
);
