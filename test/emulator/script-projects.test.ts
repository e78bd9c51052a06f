/**
 * `npm run emulator -- --project ...`: each flag is one more project the key reaches, with the apps
 * it lists; the JSON line then has `projects` (it is unchanged without the flag: script.test.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const children: ChildProcess[] = [];

function emulator(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/emulator.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

/** Everything the child wrote to stdout and stderr until it printed a line or exited. */
async function firstLine(child: ChildProcess): Promise<string> {
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  while (!out.includes("\n")) {
    const [exited] = await Promise.race([
      once(child.stdout!, "data").then(() => [false]),
      once(child, "exit").then(() => [true]),
    ]);
    if (exited && !out.includes("\n")) throw new Error(`emulator exited before printing: ${err}`);
  }
  return out.split("\n")[0]!;
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

describe("npm run emulator -- --project", () => {
  it("adds a project per flag, with its apps, reached by the printed key", async () => {
    const child = emulator([
      "--log-count",
      "1",
      "--project",
      "shop,admin:admin-abcde",
      "--project",
      "",
    ]);
    const info = JSON.parse(await firstLine(child));
    expect(Object.keys(info)).toEqual([
      "url",
      "publicKey",
      "privateKey",
      "groupId",
      "appId",
      "projects",
    ]);
    const [seeded, second, third] = info.projects;
    expect(info.projects).toHaveLength(3);
    expect(seeded).toMatchObject({ groupId: info.groupId, apps: [{ appId: info.appId }] });
    expect(second.apps).toEqual([
      {
        appId: expect.stringMatching(/^[0-9a-f]{24}$/),
        name: "shop",
        clientAppId: expect.stringMatching(/^shop-[a-z]{5}$/),
      },
      { appId: expect.stringMatching(/^[0-9a-f]{24}$/), name: "admin", clientAppId: "admin-abcde" },
    ]);
    expect(third.apps).toEqual([]);

    const login = await fetch(`${info.url}/auth/providers/mongodb-cloud/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: info.publicKey, apiKey: info.privateKey }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const get = async (path: string) =>
      (
        await fetch(`${info.url}${path}`, { headers: { authorization: `Bearer ${access_token}` } })
      ).json() as Promise<any>;
    const profile = await get("/auth/profile");
    expect(profile.roles.map((r: { group_id: string }) => r.group_id)).toEqual(
      info.projects.map((p: { groupId: string }) => p.groupId),
    );
    const apps = await get(`/groups/${second.groupId}/apps`);
    expect(apps.map((a: { client_app_id: string }) => a.client_app_id)).toEqual(
      second.apps.map((a: { clientAppId: string }) => a.clientAppId),
    );
  });

  it("refuses a bad --project with a usage error naming the flag (exit 2)", async () => {
    for (const [value, message] of [
      ["shop,shop", "--project #2, apps[1].name 'shop' is already an app of --project #2"],
      ["a:b:c", "--project #2 must list app names"],
      ["1st", "--project #2, apps[0].name must start with a letter"],
    ]) {
      const child = emulator(["--project", "ok", "--project", value!]);
      let err = "";
      child.stderr!.on("data", (d) => (err += d));
      const [code] = await once(child, "exit");
      expect(code, value).toBe(2);
      expect(err, value).toContain(message);
    }
  });
});
