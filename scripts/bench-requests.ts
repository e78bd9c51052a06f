// Request overhead of the SDK against raw fetch: N sequential GETs of a small JSON body from a
// loopback server in a child process, SDK and raw alternating, median wall time of several rounds.
// Usage: npm run bench:requests [-- --n 1000 --rounds 21]
// Last line: {"bench":"requests",...,"ratio":<sdk/raw median wall>}. `pairedRatio` is the median of
// each round's sdk/raw, which is steadier on a shared machine because the pair runs back to back.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { UnsecuredJWT } from "jose";
import { createAdminClient } from "../packages/client/create-admin-client.js";

const { values } = parseArgs({
  options: { n: { type: "string", default: "1000" }, rounds: { type: "string", default: "21" } },
});
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

const child = spawn(process.execPath, ["--input-type=module", "-e", SERVER], {
  stdio: ["ignore", "pipe", "inherit"],
});
const [chunk] = (await once(child.stdout, "data")) as [Buffer];
const port = Number(chunk.toString().trim());
const groupId = "5f1a2b3c4d5e6f7a8b9c0d1f";
const baseUrl = `http://127.0.0.1:${port}/api/admin/v3.0`;
const accessToken = new UnsecuredJWT({}).setIssuedAt().setExpirationTime("2h").encode();

const admin = createAdminClient({
  baseUrl,
  session: { accessToken, refreshToken: "bench-refresh-token" },
});
const url = `${baseUrl}/groups/${groupId}/apps`;
const headers = { authorization: `Bearer ${accessToken}` };

const viaSdk = async () => {
  for (let i = 0; i < n; i++) await admin.apps.listApplications({ groupId });
};
const viaRaw = async () => {
  for (let i = 0; i < n; i++) {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`raw: HTTP ${response.status}`);
    await response.json();
  }
};
const timed = async (run: () => Promise<void>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  await viaSdk();
  await viaRaw();
  const sdk: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first so neither always runs on a warmer process.
    const order = round % 2 === 0 ? ([viaSdk, viaRaw] as const) : ([viaRaw, viaSdk] as const);
    for (const run of order) (run === viaSdk ? sdk : raw).push(await timed(run));
    console.log(
      `round ${round + 1}/${rounds}: sdk ${sdk.at(-1)!.toFixed(1)} ms, raw ${raw.at(-1)!.toFixed(1)} ms`,
    );
  }
  const sdkMs = median(sdk);
  const rawMs = median(raw);
  console.log(
    JSON.stringify({
      bench: "requests",
      n,
      rounds,
      sdkMs: Number(sdkMs.toFixed(1)),
      rawMs: Number(rawMs.toFixed(1)),
      sdkPerRequestUs: Number(((sdkMs / n) * 1000).toFixed(1)),
      rawPerRequestUs: Number(((rawMs / n) * 1000).toFixed(1)),
      pairedRatio: Number(median(sdk.map((ms, i) => ms / raw[i]!)).toFixed(3)),
      ratio: Number((sdkMs / rawMs).toFixed(3)),
    }),
  );
} finally {
  child.kill();
}
