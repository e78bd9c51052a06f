import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { startEmulator } from "../packages/emulator/index.js";
import { createAdminClient } from "../packages/client/index.js";
import { pullApp, pushApp, stableJson } from "../packages/config/index.js";
const emu = await startEmulator({ logs: { count: 0 } });
const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
const ids = { groupId: emu.groupId, appId: emu.appId };
const work = await mkdtemp(join(tmpdir(), "prof-"));
const app = join(work, "app");
await pullApp(admin, { ...ids, dir: app });
await mkdir(join(app, "functions"), { recursive: true });
const fns = Array.from({ length: 500 }, (_, i) => ({ name: `fn${i}`, private: false }));
await writeFile(join(app, "functions/config.json"), stableJson(fns));
for (const f of fns) await writeFile(join(app, `functions/${f.name}.js`), `exports = () => "${f.name}";\n`);
await mkdir(join(app, "hosting/files"), { recursive: true });
await writeFile(join(app, "hosting/metadata.json"), "[]\n");
for (let i = 0; i < 1000; i++) { const d = join(app, "hosting/files", `d${Math.floor(i/100)}`); await mkdir(d, { recursive: true }); await writeFile(join(d, `f${i}.html`), randomBytes(2048)); }
await pushApp(admin, { ...ids, dir: app, includeHosting: true });
const which = process.argv[2] ?? "pull";
const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.start");
let t = performance.now();
for (let k = 0; k < 3; k++) {
  if (which === "pull") await pullApp(admin, { ...ids, dir: join(work, `p${k}`), includeHosting: true });
  else await pushApp(admin, { ...ids, dir: app, includeHosting: true });
}
console.log(which, (performance.now() - t) / 3);
const { profile } = await s.post("Profiler.stop");
writeFileSync(`/tmp/prof-${which}.cpuprofile`, JSON.stringify(profile));
await emu.stop();
