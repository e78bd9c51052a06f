/**
 * npm run demo [-- --live]
 *
 * The main job: a realistic session through the public SDK. By default it starts the emulator
 * in-process and runs the whole flow: log in, list apps, find the app, open a draft, change a
 * value and sync demo/site to hosting inside it, page through the logs, deploy the draft and wait
 * for `successful`, try a function in a draft and discard it, log out. With --live (and APPSERVICES_PUBLIC_KEY, APPSERVICES_PRIVATE_KEY,
 * APPSERVICES_GROUP_ID set) it runs the read-only steps against the real API instead.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startEmulator } from "../packages/emulator/index.js";
import {
  createAdminClient,
  deployWithDraft,
  findApp,
  logPages,
  syncHosting,
  type AdminClient,
} from "../packages/index.js";
import { diffApp, pullApp, pushApp } from "../packages/config/index.js";
import { runMain } from "../spec/run-main.js";
import { createStepper } from "./lib/steps.js";

const siteDir = fileURLToPath(new URL("../demo/site", import.meta.url));

runMain(async () => {
  const { values } = parseArgs({ options: { live: { type: "boolean", default: false } } });
  return values.live ? live() : emulated();
});

/** The full flow against an embedded emulator. */
async function emulated(): Promise<number> {
  const step = createStepper();
  const emu = await step("Start the emulator", async () => {
    // Deployments take longer here than in tests, so the polls see each status on the way.
    const started = await startEmulator({ deploymentTiming: { createdMs: 50, pendingMs: 400 } });
    return { value: started, detail: started.url };
  });
  try {
    const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
    const { groupId } = emu;
    await step("Log in with the API key pair", async () => {
      const profile = await admin.admin.getAdminProfile();
      return { value: profile, detail: `user ${profile.user_id ?? "?"}` };
    });
    const apps = await step("List apps", async () => {
      const list = await admin.apps.listApplications({ groupId });
      return { value: list, detail: list.map((a) => a.client_app_id).join(", ") };
    });
    const app = await step("Find the app's ObjectId from its client_app_id", async () => {
      const clientAppId = apps[0]?.client_app_id;
      if (!clientAppId) throw new Error(`project ${groupId} lists no app with a client_app_id`);
      const found = await findApp(admin, { groupId, clientAppId });
      return { value: found, detail: `${found.client_app_id} -> ${found._id}` };
    });
    const appId = app._id;
    const deployment = await step("Deploy with a draft (changes below)", async () => {
      const done = await deployWithDraft(
        admin,
        { groupId, appId, onStatus: (status) => step.note(`deployment ${status}`) },
        async (client, draft) => {
          step.note(`draft ${draft._id} open`);
          await client.values.createValue({
            groupId,
            appId,
            body: { name: "demo_greeting", private: false, value: "hello" },
          });
          step.note("value demo_greeting created in the draft");
          await syncSite(client, groupId, appId, step.note);
          await pageLogs(client, groupId, appId, step.note);
        },
      );
      return { value: done, detail: `${done._id} ${done.status}` };
    });
    await step(
      "Try a function in a draft, then discard the draft: the function is gone",
      async () => {
        const draft = await admin.deploy.createDeploymentDraft({ groupId, appId });
        const draftId = draft._id!;
        await admin.functions.createFunction({
          groupId,
          appId,
          body: { name: "demo_scratch", private: true, source: "exports = () => 42;" },
        });
        const diff = await admin.deploy.deployDraftDiff({ groupId, appId, draftId });
        // Each diff starts `--- old path` / `+++ new path` (`/dev/null` for an added file).
        const changed = (diff.diffs ?? []).map((d) => {
          const [from = "", to = ""] = String(d).split("\n");
          return (to === "+++ /dev/null" ? from : to).slice(4);
        });
        step.note(`draft diff: ${changed.join(", ")}`);
        await admin.deploy.discardDraft({ groupId, appId, draftId });
        const left = await admin.functions.listFunctions({ groupId, appId });
        if (left.some((f) => f.name === "demo_scratch"))
          throw new Error("the discarded draft's function is still there");
        return { value: left, detail: `discarded; ${left.length} functions in the app` };
      },
    );
    // App configuration as code (appservices-admin/config): pull, edit, diff, push, pull.
    await configAsCode(admin, { groupId, appId }, step);
    await step(
      "Expire the session on the server; the next call refreshes and replays",
      async () => {
        emu.control.expireAccessTokens();
        const list = await admin.deploy.listDeployments({ groupId, appId });
        const { refreshes } = emu.control.counts();
        return {
          value: list,
          detail: `${list.length} deployments listed after ${refreshes} refresh`,
        };
      },
    );
    await step("Sync again: nothing left to upload", async () => {
      const again = await syncHosting(admin, { groupId, appId, dir: siteDir, dryRun: true });
      return {
        value: again,
        detail: `${again.uploaded.length} to upload, ${again.unchanged} unchanged`,
      };
    });
    await step("Log out", async () => {
      await admin.logout();
      return { value: undefined, detail: "session ended" };
    });
    const counts = emu.control.counts();
    step.summary([
      `deployment ${deployment._id} is ${deployment.status}`,
      `${counts.total} requests to the emulator: ${plural(counts.logins, "login")}, ` +
        `${plural(counts.refreshes, "refresh")} (the session refreshed itself)`,
    ]);
    return 0;
  } finally {
    await emu.stop();
  }
}

/** The read-only steps against the real Admin API. */
async function live(): Promise<number> {
  const env = requireEnv([
    "APPSERVICES_PUBLIC_KEY",
    "APPSERVICES_PRIVATE_KEY",
    "APPSERVICES_GROUP_ID",
  ]);
  const step = createStepper();
  const admin = createAdminClient({
    ...(process.env.APPSERVICES_BASE_URL ? { baseUrl: process.env.APPSERVICES_BASE_URL } : {}),
    credentials: { publicKey: env.APPSERVICES_PUBLIC_KEY, privateKey: env.APPSERVICES_PRIVATE_KEY },
  });
  const groupId = env.APPSERVICES_GROUP_ID;
  await step("Log in with the API key pair", async () => {
    const profile = await admin.admin.getAdminProfile();
    return { value: profile, detail: `user ${profile.user_id ?? "?"}` };
  });
  const appId = await step("Find the app", async () => {
    const clientAppId = process.env.APPSERVICES_CLIENT_APP_ID;
    if (clientAppId) {
      const found = await findApp(admin, { groupId, clientAppId });
      return { value: found._id, detail: `${clientAppId} -> ${found._id}` };
    }
    const list = await admin.apps.listApplications({ groupId });
    const first = process.env.APPSERVICES_APP_ID ?? list[0]?._id;
    if (!first)
      throw new Error(`project ${groupId} has no standard apps; set APPSERVICES_CLIENT_APP_ID`);
    return { value: String(first), detail: `${list.length} apps; using ${first}` };
  });
  await step("List hosted assets", async () => {
    const assets = await admin.hosting.getAllHostedAssets({ groupId, appId, recursive: true });
    return { value: assets, detail: `${assets.filter((a) => a.path !== "/").length} assets` };
  });
  await step("List recent deployments", async () => {
    const list = await admin.deploy.listDeployments({ groupId, appId });
    return { value: list, detail: `${list.length} deployments, newest ${list[0]?.status ?? "-"}` };
  });
  await pageLogs(admin, groupId, appId, step.note);
  await step("Log out", async () => {
    await admin.logout();
    return { value: undefined, detail: "session ended" };
  });
  step.summary(["read-only run against the real API finished"]);
  return 0;
}

/** Pull the app into a folder, edit a function, diff, push through a draft, pull the change back. */
async function configAsCode(
  admin: AdminClient,
  ids: { groupId: string; appId: string },
  step: ReturnType<typeof createStepper>,
) {
  const root = await mkdtemp(join(tmpdir(), "demo-app-"));
  try {
    const dir = join(root, "app");
    await step(
      "Pull the app's configuration into a folder (the official CLI's layout)",
      async () => {
        await admin.functions.createFunction({
          ...ids,
          body: {
            name: "greet",
            private: false,
            source: "exports = (name) => `Hello, ${name}`;\n",
          },
        });
        step.note("function greet created through the API, as a colleague in the UI would");
        const pulled = await pullApp(admin, { ...ids, dir });
        return { value: pulled, detail: `${pulled.written.length} files written` };
      },
    );
    await step("Edit functions/greet.js and diff the folder against the app", async () => {
      const file = join(dir, "functions/greet.js");
      await writeFile(file, (await readFile(file, "utf8")).replace("Hello", "Hi there"));
      const diff = await diffApp(admin, { ...ids, dir });
      for (const c of diff.changes)
        step.note(`${c.change} ${c.kind} ${c.name} (${c.files.join(", ")})`);
      return { value: diff, detail: `${diff.changes.length} resource differs` };
    });
    await step("Push the folder (draft, import, deploy), then pull it again", async () => {
      const pushed = await pushApp(admin, {
        ...ids,
        dir,
        onStatus: (status) => step.note(`config deployment ${status}`),
      });
      const again = join(root, "again");
      await pullApp(admin, { ...ids, dir: again });
      const source = await readFile(join(again, "functions/greet.js"), "utf8");
      if (!source.includes("Hi there")) throw new Error("the pushed edit is not in a fresh pull");
      return {
        value: pushed,
        detail: `deployment ${pushed.deployment?._id} ${pushed.deployment?.status}; a fresh pull has the edit`,
      };
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Syncs demo/site to the app's hosting and reports what changed. */
async function syncSite(
  admin: AdminClient,
  groupId: string,
  appId: string,
  note: (s: string) => void,
) {
  const result = await syncHosting(admin, { groupId, appId, dir: siteDir, deleteRemoved: true });
  if (result.failed.length > 0) {
    throw new Error(`hosting sync failed for ${result.failed.map((f) => f.path).join(", ")}`);
  }
  note(
    `hosting: ${result.uploaded.length} uploaded (${result.uploaded.join(", ")}), ${result.deleted.length} deleted`,
  );
}

/** Pages through the first three pages of logs, newest first. */
async function pageLogs(
  admin: AdminClient,
  groupId: string,
  appId: string,
  note: (s: string) => void,
) {
  let pages = 0;
  let entries = 0;
  let errors = 0;
  for await (const page of logPages(admin, { groupId, appId })) {
    pages++;
    entries += page.logs.length;
    errors += page.logs.filter((entry) => "error" in entry && entry.error).length;
    if (pages === 3) break;
  }
  note(`logs: ${entries} entries over ${pages} pages (${errors} with errors)`);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : noun.endsWith("sh") ? "es" : "s"}`;
}

function requireEnv<K extends string>(names: readonly K[]): Record<K, string> {
  const missing = names.filter((n) => !process.env[n]);
  if (missing.length > 0) {
    throw Object.assign(new Error(`--live needs ${missing.join(", ")} in the environment`), {
      exitCode: 2,
    });
  }
  return Object.fromEntries(names.map((n) => [n, process.env[n]!])) as Record<K, string>;
}
