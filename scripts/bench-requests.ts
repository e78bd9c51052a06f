// Client cost per request: N sequential GETs of a small JSON body from a loopback server in a child
// process (its work is not counted), through the SDK (`admin.apps.listApplications`), through
// openapi-fetch alone (a client on the same generated `paths`, with the token as a header), through
// bare fetch, and through bare fetch bounded the way the SDK bounds every attempt by default (an
// AbortController whose signal fetch follows, aborted by a timer of the SDK's default timeout (60 s) that is cleared once the body
// is read). Each round runs all four, the order rotated; CPU is this process's time.
// The bounded baseline is what any caller that times its requests out pays: a signal per request
// (about 3 µs to create in Node 20, and fetch's Request follows it: a listener, a WeakRef and a
// FinalizationRegistry entry each, ~10 µs more plus the collection) and a timer. `cpu_ratio_fetch`
// over `cpu_ratio_fetch_bounded` tells that price apart from the SDK's own layers.
// The SDK timed is the built package, as users run it (scripts/lib/built-sdk.ts: `npm run build`
// first unless --no-build). The openapi-fetch baseline is its own module instance
// (scripts/lib/openapi-fetch-baseline.ts): imported by name it shared its functions, and so V8's
// inline caches and optimised code, with the SDK's copy, and which of the two callers the JIT
// favoured changed from run to run (ratios 1.04–1.25 on a quiet machine); now each side runs as
// a user running only it would run it.
// The SDK's namespace calls do not go through openapi-fetch: the runtime builds each request and
// sends it as one `fetch(url, init)` (packages/client/README.md, "One stack"), so the SDK's CPU
// is fetch's plus the session, retry and timeout layers, against openapi-fetch's Request-then-copy.
// Usage: npm run bench:requests [-- --n 1000 --rounds 21 --no-build]   (node --expose-gc for a GC per run)
// Last line: {"bench":"requests",...,"cpu_ratio_openapi_fetch":<median of per-round SDK/openapi-fetch CPU>}.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { UnsecuredJWT } from "jose";
import type { paths } from "../generated/schema.js";
import { pairedRatio, pairedRuns, round1, summary } from "./lib/paired-runs.js";
import { runMain } from "../spec/run-main.js";
import { buildSdk, builtRoot } from "./lib/built-sdk.js";
import { baselineCreateClient } from "./lib/openapi-fetch-baseline.js";
import { DEFAULT_TIMEOUT_MS } from "../packages/client/client-options.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "1000" },
    rounds: { type: "string", default: "21" },
    "no-build": { type: "boolean", default: false },
  },
});
buildSdk(!values["no-build"]);
const { createAdminClient } = await builtRoot();
const createClient = await baselineCreateClient();
const n = Number(values.n);
const rounds = Number(values.rounds);

// Plain JS for the child: answers every request with the same small JSON array.
const SERVER = `
import { createServer } from "node:http";
const body = JSON.stringify([{ _id: "5f1a2b3c4d5e6f7a8b9c0d1e", client_app_id: "myapp-abcde", name: "myapp",
  location: "US-VA", deployment_model: "GLOBAL", domain_id: "5f1a2b3c4d5e6f7a8b9c0d1f", group_id: "g1", last_used: 1700000000 }]);
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
`;

runMain(async () => {
  const child = spawn(process.execPath, ["--input-type=module", "-e", SERVER], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const [chunk] = (await once(child.stdout, "data")) as [Buffer];
    const baseUrl = `http://127.0.0.1:${Number(chunk.toString().trim())}/api/admin/v3.0`;
    const groupId = "5f1a2b3c4d5e6f7a8b9c0d1f";
    const accessToken = new UnsecuredJWT({}).setIssuedAt().setExpirationTime("2h").encode();
    const headers = { authorization: `Bearer ${accessToken}` };

    const options = { baseUrl, session: { accessToken, refreshToken: "bench-refresh-token" } };
    const admin = createAdminClient(options);
    const plain = createClient<paths>({ baseUrl, headers });
    const url = `${baseUrl}/groups/${groupId}/apps`;
    let sink = 0; // every body is read and used, so no variant can skip work

    const variants = {
      sdk: async () => {
        for (let i = 0; i < n; i++) sink ^= (await admin.apps.listApplications({ groupId })).length;
      },
      openapiFetch: async () => {
        for (let i = 0; i < n; i++) {
          const { data, response } = await plain.GET("/groups/{groupId}/apps", {
            params: { path: { groupId } },
          });
          if (!response.ok || !data) throw new Error(`openapi-fetch: HTTP ${response.status}`);
          sink ^= data.length;
        }
      },
      fetch: async () => {
        for (let i = 0; i < n; i++) {
          const response = await fetch(url, { headers });
          if (!response.ok) throw new Error(`fetch: HTTP ${response.status}`);
          sink ^= ((await response.json()) as unknown[]).length;
        }
      },
      fetchBounded: async () => {
        for (let i = 0; i < n; i++) {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), DEFAULT_TIMEOUT_MS);
          try {
            const response = await fetch(url, { headers, signal: controller.signal });
            if (!response.ok) throw new Error(`fetch: HTTP ${response.status}`);
            sink ^= ((await response.json()) as unknown[]).length;
          } finally {
            clearTimeout(timer);
          }
        }
      },
    };
    for (const run of Object.values(variants)) await run(); // warm-up
    const samples = await pairedRuns(variants, rounds, (round, s) => {
      const show = (name: keyof typeof s) =>
        `${name} ${s[name].wallMs.toFixed(0)} ms (cpu ${s[name].cpuMs.toFixed(0)})`;
      console.log(
        `round ${round + 1}/${rounds}: ${show("sdk")}, ` +
          `${show("openapiFetch")}, ${show("fetch")}, ${show("fetchBounded")}`,
      );
    });
    void sink;
    const figures = {
      sdk: summary(samples.sdk, n),
      openapiFetch: summary(samples.openapiFetch, n),
      fetch: summary(samples.fetch, n),
      fetchBounded: summary(samples.fetchBounded, n),
    };
    for (const [name, f] of Object.entries(figures)) {
      console.log(
        `${name.padEnd(13)} ${f.cpuPerItemUs} µs CPU, ${f.wallPerItemUs} µs wall per request (medians)`,
      );
    }
    const ratio = (b: keyof typeof samples, key: "cpuMs" | "wallMs") =>
      Number(pairedRatio(samples.sdk, samples[b], key).toFixed(3));
    console.log(
      JSON.stringify({
        bench: "requests",
        n,
        rounds,
        gcPerRun: typeof (globalThis as { gc?: unknown }).gc === "function",
        ...figures,
        cpu_ratio_fetch: ratio("fetch", "cpuMs"),
        cpu_ratio_fetch_bounded: ratio("fetchBounded", "cpuMs"),
        wall_ratio_openapi_fetch: ratio("openapiFetch", "wallMs"),
        wall_ratio_fetch: ratio("fetch", "wallMs"),
        sdkCpuOverOpenapiFetchUs: round1(
          figures.sdk.cpuPerItemUs - figures.openapiFetch.cpuPerItemUs,
        ),
        cpu_ratio_openapi_fetch: ratio("openapiFetch", "cpuMs"),
      }),
    );
  } finally {
    child.kill();
  }
});
