/**
 * `appservices-admin emulator --project`: one more project the emulator's key reaches per flag,
 * as `npm run emulator -- --project` (the same parser, `projectFlags`).
 */
import { describe, expect, it } from "vitest";
import { runCli, startCli } from "./helpers.js";

interface Line {
  url: string;
  publicKey: string;
  privateKey: string;
  groupId: string;
  projects?: { groupId: string; apps: { name: string; clientAppId: string }[] }[];
}

describe("appservices-admin emulator --project", () => {
  it("serves the extra projects' apps to the one key and lists them on the line", async () => {
    const cli = startCli([
      "emulator",
      "--log-count",
      "0",
      "--project",
      "shop,admin:admin-abcde",
      "--project",
      "",
    ]);
    try {
      await cli.waitFor("\n");
      const info = JSON.parse(cli.stdout()) as Line;
      expect(info.projects).toHaveLength(3);
      const [seeded, shop, empty] = info.projects!;
      expect(seeded!.groupId).toBe(info.groupId);
      expect(shop!.apps.map((app) => [app.name, app.clientAppId])).toEqual([
        ["shop", expect.stringMatching(/^shop-[a-z]{5}$/)],
        ["admin", "admin-abcde"],
      ]);
      expect(empty!.apps).toEqual([]);
      const login = await fetch(`${info.url}/auth/providers/mongodb-cloud/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: info.publicKey, apiKey: info.privateKey }),
      });
      const { access_token } = (await login.json()) as { access_token: string };
      const apps = await fetch(`${info.url}/groups/${shop!.groupId}/apps`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(((await apps.json()) as { name: string }[]).map((app) => app.name).sort()).toEqual([
        "admin",
        "shop",
      ]);
    } finally {
      cli.child.kill("SIGTERM");
    }
    const result = await cli.done;
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
  });

  it("without --project the line is as before", async () => {
    const cli = startCli(["emulator", "--log-count", "0"]);
    await cli.waitFor("\n");
    expect(Object.keys(JSON.parse(cli.stdout()) as object)).toEqual([
      "url",
      "publicKey",
      "privateKey",
      "groupId",
      "appId",
    ]);
    cli.child.kill("SIGTERM");
    expect((await cli.done).code).toBe(0);
  });

  it.each([
    [
      ["--project", "shop,shop"],
      /--project #1, apps\[1\]\.name 'shop' is already an app of --project #1/,
    ],
    [["--project", "a:b:c"], /--project #1 must list app names/],
  ])("refuses %j with exit 2 naming the flag", async (args, message) => {
    const result = await runCli(["emulator", ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });
});
