/**
 * Several projects reached by one key (the `projects` option): the profile has a role per project,
 * each project lists and keeps its own apps, every per-project operation of the spec answers for
 * an app of an extra project, and a project the key has no role for is a 404 `GroupNotFound`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { loadOperationSchemas } from "../../packages/emulator/operation-schemas.js";
import { registryFor } from "../../packages/emulator/schema-registry.js";
import { call, login, start } from "./helpers.js";
import { checkAnswer, expectedRefusal } from "./spec-operations.js";

const P2 = "5f00000000000000000000b2";
const P3 = "5F00000000000000000000B3";
const OTHER = "5f00000000000000000000ff";
const SHOP2 = "6a00000000000000000000a2";

describe("one emulator, one key, three projects", () => {
  let emu: RunningEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await start({
      logs: { count: 10 },
      projects: [
        {
          groupId: P2,
          apps: [{ name: "shop", clientAppId: "shop-bbbbb", appId: SHOP2 }, { name: "myapp" }],
        },
        { groupId: P3 },
      ],
    });
    token = (await login(emu)).access_token;
  });
  afterAll(() => emu?.stop());

  const get = (path: string) => call(emu, "GET", path, { token });

  it("lists every project, the seeded one first, with its apps", () => {
    const [first, second, third] = emu.projects;
    expect(emu.projects).toHaveLength(3);
    expect(first).toEqual({
      groupId: emu.groupId,
      apps: [{ appId: emu.appId, name: "myapp", clientAppId: expect.stringMatching(/^myapp-/) }],
    });
    expect(second!.groupId).toBe(P2);
    expect(second!.apps[0]).toEqual({ appId: SHOP2, name: "shop", clientAppId: "shop-bbbbb" });
    expect(second!.apps[1]).toMatchObject({
      name: "myapp",
      clientAppId: expect.stringMatching(/^myapp-[a-z]{5}$/),
    });
    // An id given in capitals is kept as the API writes ids: lower-case.
    expect(third).toEqual({ groupId: P3.toLowerCase(), apps: [] });
  });

  it("gives the key a GROUP_OWNER role per project in its profile", async () => {
    const profile = await get("/auth/profile");
    expect(profile.status).toBe(200);
    expect(profile.body.roles).toEqual([
      { role_name: "GROUP_OWNER", group_id: emu.groupId },
      { role_name: "GROUP_OWNER", group_id: P2 },
      { role_name: "GROUP_OWNER", group_id: P3.toLowerCase() },
    ]);
  });

  it("lists each project's own apps, under their own group_id", async () => {
    const first = await get(`/groups/${emu.groupId}/apps`);
    expect(first.body.map((a: { _id: string }) => a._id)).toEqual([emu.appId]);
    const second = await get(`/groups/${P2}/apps`);
    expect(second.body.map((a: { name: string }) => a.name)).toEqual(["shop", "myapp"]);
    for (const app of second.body) expect(app.group_id).toBe(P2);
    expect((await get(`/groups/${P3.toLowerCase()}/apps`)).body).toEqual([]);
  });

  it("finds an app only under its own project", async () => {
    expect((await get(`/groups/${P2}/apps/${SHOP2}`)).body.client_app_id).toBe("shop-bbbbb");
    for (const [groupId, appId] of [
      [emu.groupId, SHOP2],
      [P2, emu.appId],
    ]) {
      const wrong = await get(`/groups/${groupId}/apps/${appId}/values`);
      expect(wrong.status).toBe(404);
      expect(wrong.body.error_code).toBe("AppNotFound");
    }
  });

  it("keeps names per project: a second 'shop' in the same project is a 409, in another a 201", async () => {
    const again = await call(emu, "POST", `/groups/${P2}/apps`, { token, json: { name: "shop" } });
    expect(again.status).toBe(409);
    const elsewhere = await call(emu, "POST", `/groups/${P3.toLowerCase()}/apps`, {
      token,
      json: { name: "shop" },
    });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.group_id).toBe(P3.toLowerCase());
    const listed = await get(`/groups/${P3.toLowerCase()}/apps`);
    expect(listed.body.map((a: { _id: string }) => a._id)).toEqual([elsewhere.body._id]);
    const gone = await call(
      emu,
      "DELETE",
      `/groups/${P3.toLowerCase()}/apps/${elsewhere.body._id}`,
      {
        token,
      },
    );
    expect(gone.status).toBe(204);
  });

  it("answers measurements with the project asked for", async () => {
    const usage = await get(`/groups/${P2}/measurements`);
    expect(usage.status).toBe(200);
    expect(usage.body.group_id).toBe(P2);
  });

  it("appends logs to an extra project's app under that project", async () => {
    const [entry] = emu.control.appendLogs(1, SHOP2);
    expect(entry).toMatchObject({ group_id: P2, app_id: SHOP2 });
    const logs = await get(`/groups/${P2}/apps/${SHOP2}/logs`);
    expect(logs.body.logs.map((l: { _id: string }) => l._id)).toEqual([entry!._id]);
  });

  it("answers a project the key has no role for with 404 GroupNotFound, on every kind of route", async () => {
    for (const path of [
      `/groups/${OTHER}/apps`,
      `/groups/${OTHER}/measurements`,
      `/groups/${OTHER}/apps/${SHOP2}`,
      `/groups/${OTHER}/apps/${SHOP2}/values`,
      `/groups/${OTHER}/apps/${SHOP2}/logs`,
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toEqual({
        error: `group '${OTHER}' not found`,
        error_code: "GroupNotFound",
      });
    }
  });
});

describe("every per-project operation of the spec, for an app of an extra project", () => {
  const doc = loadOperationSchemas();
  if (!doc) throw new Error("generated/operation-schemas.json is missing: run npm run regen");
  // Hosting's uploads and cache take multipart bodies and paths: their own suites.
  const OWN_SUITES = /\/hosting\/(assets|cache)/;
  let emu: RunningEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await start({
      logs: { count: 10 },
      projects: [{ groupId: P2, apps: [{ name: "shop" }] }],
    });
    token = (await login(emu)).access_token;
  });
  afterAll(() => emu?.stop());

  it("answers each with its declared status (or a documented 404/409/501), never GroupNotFound", async () => {
    const registry = registryFor(doc);
    // The spec's requests are built for `groupId` and `appId`: here, the extra project's app.
    const second = { ...emu, groupId: P2, appId: emu.projects[1]!.apps[0]!.appId };
    const ids = Object.keys(doc.operations)
      .filter((id) => doc.operations[id]!.path.startsWith("/groups/{groupId}"))
      .filter((id) => !OWN_SUITES.test(doc.operations[id]!.path))
      .sort((a, b) =>
        a === "adminDeleteApplication" ? 1 : b === "adminDeleteApplication" ? -1 : a < b ? -1 : 1,
      );
    expect(ids.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const id of ids) {
      const { problem, answer } = await checkAnswer(
        second,
        registry,
        token,
        id,
        doc.operations[id]!,
      );
      if (
        answer.body?.error_code === "GroupNotFound" ||
        answer.body?.error_code === "AppNotFound"
      ) {
        problems.push(`${id}: ${answer.status} ${answer.text}`);
        continue;
      }
      if (!problem) continue;
      if (!expectedRefusal(id, answer)) problems.push(problem);
    }
    expect(problems).toEqual([]);
    // The seeded project's app was never touched; in the extra project, "shop" is deleted and
    // the app the create operation made is there.
    const seeded = await call(emu, "GET", `/groups/${emu.groupId}/apps`, { token });
    expect(seeded.body.map((a: { _id: string }) => a._id)).toEqual([emu.appId]);
    const extra = await call(emu, "GET", `/groups/${P2}/apps`, { token });
    expect(extra.body.map((a: { name: string; group_id: string }) => [a.name, a.group_id])).toEqual(
      [["MyApp", P2]],
    );
  });
});

describe("the projects option", () => {
  it("changes nothing by default: one project, one role, `projects` lists the seeded app", async () => {
    const emu = await startEmulator({ logs: { count: 1 } });
    try {
      const { access_token } = await login(emu);
      const profile = await call(emu, "GET", "/auth/profile", { token: access_token });
      expect(profile.body.roles).toEqual([{ role_name: "GROUP_OWNER", group_id: emu.groupId }]);
      expect(emu.projects).toEqual([
        { groupId: emu.groupId, apps: [expect.objectContaining({ appId: emu.appId })] },
      ]);
    } finally {
      await emu.stop();
    }
  });

  it("refuses a bad project before starting, naming the option", async () => {
    const G = "5f00000000000000000000c1";
    const cases: [unknown, RegExp][] = [
      [[{ groupId: "nope" }], /projects\[0\]\.groupId must be a 24-hex ObjectId, got "nope"/],
      [
        [{ groupId: G }, { groupId: G.toUpperCase() }],
        /projects\[1\]\.groupId '5f0+c1' is already/,
      ],
      [[{ apps: [{ name: "1st" }] }], /projects\[0\]\.apps\[0\]\.name must start with a letter/],
      [[{ apps: [{ name: "a".repeat(33) }] }], /projects\[0\]\.apps\[0\]\.name must start/],
      [
        [{ apps: [{ name: "twin" }, { name: "twin" }] }],
        /projects\[0\]\.apps\[1\]\.name 'twin' is already an app of projects\[0\]/,
      ],
      [
        [
          { apps: [{ name: "a", clientAppId: "x-1" }] },
          { apps: [{ name: "b", clientAppId: "x-1" }] },
        ],
        /projects\[1\]\.apps\[0\]\.clientAppId 'x-1' is already another app's/,
      ],
      [[{ apps: [{ name: "a", clientAppId: "X/../y" }] }], /clientAppId must be lower-case/],
      [
        [{ apps: [{ name: "a", appId: G }] }, { apps: [{ name: "b", appId: G }] }],
        /projects\[1\]\.apps\[0\]\.appId '5f0+c1' is already an app's id/,
      ],
      [[{ apps: "shop" }], /projects\[0\]\.apps must be an array/],
      ["P2", /projects must be an array/],
    ];
    for (const [projects, message] of cases) {
      await expect(
        startEmulator({ projects: projects as never, logs: { count: 1 } }),
        JSON.stringify(projects),
      ).rejects.toThrow(message);
    }
    // The seeded project's own ids are taken too.
    await expect(
      startEmulator({ groupId: G, projects: [{ groupId: G }], logs: { count: 1 } }),
    ).rejects.toThrow(/projects\[0\]\.groupId '5f0+c1' is already a project's id/);
  });
});
