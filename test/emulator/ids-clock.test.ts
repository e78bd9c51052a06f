// ObjectIds carry the emulator's clock (README "A fake clock"): an id's seconds agree with the
// creation_date / deployed_at made with it, as on the server, and order follows the clock.
import { describe, expect, it } from "vitest";
import { appPath, call, login, start } from "./helpers.js";

const seconds = (id: string) => parseInt(id.slice(0, 8), 16);

describe("ObjectIds take the emulator's clock", () => {
  it("ids made at a fake time carry it: the project, the seeded app, users, resources, deployments", async () => {
    let now = Date.UTC(2021, 5, 1, 12, 0, 0);
    // Tokens outlive the hours this test moves the clock by.
    const emu = await start({
      logs: { count: 0 },
      clock: { now: () => now },
      accessTokenTtlSeconds: 30 * 86_400,
    });
    try {
      const token = (await login(emu)).access_token;
      const req = (method: string, suffix: string, json?: unknown) =>
        call(emu, method, appPath(emu, suffix), { token, json });
      const start = now / 1000;
      expect(seconds(emu.groupId)).toBe(start);
      expect(seconds(emu.appId)).toBe(start);

      now += 3_600_000;
      const user = await req("POST", "/users", { email: "a@example.com", password: "password1" });
      expect(user.status, user.text).toBe(201);
      expect(seconds(user.body._id)).toBe(now / 1000);
      expect(user.body.creation_date).toBe(now / 1000);
      const value = await req("POST", "/values", { name: "v", private: false, value: 1 });
      expect(seconds(value.body._id)).toBe(now / 1000);

      const draft = await req("POST", "/drafts");
      now += 60_000;
      const deployed = await req("POST", `/drafts/${draft.body._id}/deployment`);
      expect(seconds(deployed.body._id)).toBe(now / 1000);
      expect(deployed.body.deployed_at).toBe(now / 1000);

      // A clock moved back a day: the new id sorts before the old ones, as its date does.
      now -= 86_400_000;
      const earlier = await req("POST", "/values", { name: "w", private: false, value: 2 });
      expect(earlier.body._id < value.body._id).toBe(true);
    } finally {
      await emu.stop();
    }
  });

  it("any clock gives 24 hex digits: before 1970 and past 2106 wrap as BSON's seconds do", async () => {
    for (const at of [-1000, 0, 2 ** 32 * 1000 + 5000]) {
      const emu = await start({ logs: { count: 0 }, clock: { now: () => at } });
      try {
        expect(emu.groupId).toMatch(/^[0-9a-f]{24}$/);
        expect(seconds(emu.groupId)).toBe(Math.floor(at / 1000) >>> 0);
      } finally {
        await emu.stop();
      }
    }
  });
});
