// How long deployWithDraft (open a draft, create a Value, deploy, wait for successful) takes
// against the emulator over loopback, with the default polling and with the official CLI's
// fixed one-second polling for comparison. The emulator's deployments finish by time (created for
// --created-ms, then pending for --pending-ms), as real ones do, not after a number of reads.
// Prints figures; asserts nothing.
// Usage: npm run bench:deploy [-- --runs 15 --created-ms 50 --pending-ms 150]
import { parseArgs } from "node:util";
import { createAdminClient } from "../packages/client/create-admin-client.js";
import { deployWithDraft, type PollSettings } from "../packages/deploy/index.js";
import { startEmulator } from "../packages/emulator/index.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "15" },
    "created-ms": { type: "string", default: "50" },
    "pending-ms": { type: "string", default: "150" },
  },
});
const runs = Number(values.runs);
const timing = { createdMs: Number(values["created-ms"]), pendingMs: Number(values["pending-ms"]) };

const emu = await startEmulator({ logs: { count: 0 }, deploymentTiming: timing });
const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
const ids = { groupId: emu.groupId, appId: emu.appId };
await admin.apps.listApplications({ groupId: ids.groupId }); // log in outside the timings

async function measure(label: string, settings: PollSettings): Promise<number> {
  const times: number[] = [];
  emu.control.resetCounts();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await deployWithDraft(admin, { ...ids, ...settings }, (client) =>
      client.values.createValue({
        ...ids,
        body: { name: `v_${label.replace(/\W/g, "")}_${i}`, private: false, value: i },
      }),
    );
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const reads = (emu.control.counts().byOperation.adminGetDeployment ?? 0) / runs;
  console.log(
    `${label.padEnd(34)} median ${at(0.5).toFixed(0)} ms  min ${times[0]!.toFixed(0)}  p90 ${at(0.9).toFixed(0)}` +
      `  max ${times.at(-1)!.toFixed(0)}  (${runs} runs, ${reads.toFixed(1)} deployment reads each)`,
  );
  return at(0.5);
}

try {
  const ours = await measure("defaults (100 ms doubling to 2 s)", {});
  const cli = await measure("fixed 1 s (the official CLI)", {
    pollIntervalMs: 1000,
    maxPollIntervalMs: 1000,
  });
  console.log(
    JSON.stringify({
      bench: "deploy",
      runs,
      deployment_ms: timing.createdMs + timing.pendingMs,
      median_ms: Math.round(ours),
      cli_polling_median_ms: Math.round(cli),
    }),
  );
} finally {
  await emu.stop();
}
