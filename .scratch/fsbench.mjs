import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
const buf = Buffer.alloc(2048, 7);
for (let round = 0; round < 2; round++) {
  let dir = await mkdtemp(join(tmpdir(), "fsb-"));
  let t = performance.now(), c = process.cpuUsage();
  let next = 0; const lane = async () => { while (next < 1000) { const i = next++; await writeFile(join(dir, `f${i}`), buf); } };
  await Promise.all(Array.from({ length: 8 }, lane));
  let cu = process.cpuUsage(c); console.log("writeFile", (performance.now() - t).toFixed(0), ((cu.user + cu.system) / 1000).toFixed(0));
  dir = await mkdtemp(join(tmpdir(), "fsb-"));
  t = performance.now(); c = process.cpuUsage(); next = 0;
  const lane2 = async () => { while (next < 1000) { const i = next++; async function* g() { yield buf; } await pipeline(g(), createWriteStream(join(dir, `f${i}`))); } };
  await Promise.all(Array.from({ length: 8 }, lane2));
  cu = process.cpuUsage(c); console.log("stream", (performance.now() - t).toFixed(0), ((cu.user + cu.system) / 1000).toFixed(0));
}
