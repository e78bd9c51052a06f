// Hosting sync against hashing alone: 2,000 files of 4 KB in a temporary folder, the emulator in a
// child process (as a real server would be: its CPU is not this process's). Times a first sync
// (everything uploaded), then alternates rounds of a no-op sync (nothing to upload: walk, hash,
// list, compare) with rounds of hashing the tree alone, and reports medians.
// "Hashing alone" is a plain, independent implementation (recursive readdir, then readFile + MD5
// with 8 files in flight), so the ratio compares the sync with the cheapest honest way to learn
// the same hashes; `hash_tree_ms` is the SDK's own `hashTree` for reference.
// Usage: npm run bench:hosting [-- --files 2000 --size 4096 --rounds 7]
// Last line: {"bench":"hosting",...,"noop_vs_hash_ratio":<median no-op sync / median hashing>}.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createAdminClient } from "../packages/client/index.js";
import { hashTree, syncHosting } from "../packages/hosting/index.js";
import { runMain } from "./lib/run-main.js";

const { values } = parseArgs({
  options: {
    files: { type: "string", default: "2000" },
    size: { type: "string", default: "4096" },
    rounds: { type: "string", default: "7" },
  },
});
const files = Number(values.files);
const size = Number(values.size);
const rounds = Number(values.rounds);
const PER_FOLDER = 100;

runMain(async () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), "bench-hosting-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/emulator.ts", "--log-count", "0"],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    await makeTree(dir);
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const emu = JSON.parse(line) as {
      url: string;
      publicKey: string;
      privateKey: string;
      groupId: string;
      appId: string;
    };
    const admin = createAdminClient({
      baseUrl: emu.url,
      credentials: { publicKey: emu.publicKey, privateKey: emu.privateKey },
    });
    await admin.apps.listApplications({ groupId: emu.groupId }); // log in outside the timings
    const sync = () => syncHosting(admin, { groupId: emu.groupId, appId: emu.appId, dir });

    let start = performance.now();
    const cpuStart = process.cpuUsage();
    const first = await sync();
    const firstMs = performance.now() - start;
    const firstCpu = process.cpuUsage(cpuStart);
    const firstCpuMs = (firstCpu.user + firstCpu.system) / 1000;
    if (first.uploaded.length !== files || first.failed.length)
      throw new Error(
        `first sync: ${first.uploaded.length} uploaded, ${first.failed.length} failed`,
      );
    console.log(
      `first sync: ${files} files uploaded in ${firstMs.toFixed(0)} ms (${firstCpuMs.toFixed(0)} ms of this process's CPU)`,
    );

    const times = { noop: [] as number[], hash: [] as number[], hashTree: [] as number[] };
    await plainHash(dir); // warm-up of the page cache and of both code paths
    await sync();
    for (let round = 0; round < rounds; round++) {
      start = performance.now();
      const result = await sync();
      times.noop.push(performance.now() - start);
      if (result.uploaded.length || result.unchanged !== files)
        throw new Error(`no-op sync uploaded ${result.uploaded.length}`);
      start = performance.now();
      const hashed = await plainHash(dir);
      times.hash.push(performance.now() - start);
      if (hashed !== files) throw new Error(`hashing saw ${hashed} files`);
      start = performance.now();
      await hashTree(dir);
      times.hashTree.push(performance.now() - start);
      console.log(
        `round ${round + 1}/${rounds}: no-op sync ${times.noop.at(-1)!.toFixed(0)} ms, hashing alone ${times.hash.at(-1)!.toFixed(0)} ms, hashTree ${times.hashTree.at(-1)!.toFixed(0)} ms`,
      );
    }
    const noop = median(times.noop);
    const hash = median(times.hash);
    const summary = {
      bench: "hosting",
      files,
      file_bytes: size,
      emulator: "child process",
      first_sync_ms: round1(firstMs),
      first_sync_client_cpu_ms: round1(firstCpuMs),
      noop_sync_ms: round1(noop),
      hash_only_ms: round1(hash),
      hash_tree_ms: round1(median(times.hashTree)),
      rounds,
      noop_vs_hash_ratio: Math.round((noop / hash) * 100) / 100,
    };
    console.log(
      `no-op sync ${summary.noop_sync_ms} ms vs hashing alone ${summary.hash_only_ms} ms: ${summary.noop_vs_hash_ratio}x (target <= 1.5x)`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    child.kill("SIGTERM");
    await rm(dir, { recursive: true, force: true });
  }
});

async function makeTree(dir: string): Promise<void> {
  for (let i = 0; i < files; i++) {
    const folder = join(dir, `d${Math.floor(i / PER_FOLDER)}`);
    if (i % PER_FOLDER === 0) await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `f${i}.html`), randomBytes(size));
  }
}

/** The baseline: every file's MD5, the straightforward way, 8 files in flight. Returns the count. */
async function plainHash(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  let next = 0;
  const lane = async () => {
    while (next < paths.length)
      createHash("md5")
        .update(await readFile(paths[next++]!))
        .digest("hex");
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return paths.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
