import { repairedSpecFile, repairedPinnedSpec } from "./spec/pipeline.js";
repairedPinnedSpec(); console.log("pinned ok");
for (const f of process.argv.slice(2)) { try { repairedSpecFile(f); } catch (e) { console.log((e as Error).message.slice(0, 250)); } }
