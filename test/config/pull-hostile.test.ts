import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PullFolderError, pullApp } from "../../packages/config/index.js";
import { renderAppFiles } from "../../packages/config/render-files.js";
import { openFolderUpdate } from "../../packages/config/write-folder.js";
import { uploadAsset } from "../../packages/hosting/upload-asset.js";
import { startWorld } from "../deploy/helpers.js";
import { APP, GROUP_ID, snapshot, tempDir } from "./helpers.js";

// A server whose configuration holds two resources that the layout maps to one file: the pull
// must refuse, naming both, and leave the folder as it was; writing one over the other would lose
// a resource, and the next push (replace-by-name) would delete it from the app.

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;
/** What the next `GET …/pull` answers instead of the emulator's configuration, if set. */
let hostile: ((config: Record<string, unknown>) => Record<string, unknown>) | undefined;
/** What the hosted files' listing answers instead of the emulator's, if set. */
let listing: ((assets: Record<string, unknown>[]) => Record<string, unknown>[]) | undefined;

beforeEach(async () => {
  hostile = undefined;
  listing = undefined;
  world = await startWorld({
    fetch: async (request) => {
      const answer = await fetch(request);
      const path = new URL(request.url).pathname;
      if (hostile && path.endsWith("/pull"))
        return Response.json(hostile((await answer.json()) as Record<string, unknown>));
      if (listing && path.endsWith("/hosting/assets") && request.method === "GET")
        return Response.json(listing((await answer.json()) as Record<string, unknown>[]));
      return answer;
    },
  });
  dir = join(tempDir("pull-hostile-"), "app");
});
afterEach(async () => {
  await world.emu.stop();
  rmSync(dirname(dir), { recursive: true, force: true });
});

const resolver = (on_type: string, field_name: string) => ({
  on_type,
  field_name,
  function_name: "resolve",
  input_type_format: "",
  payload_type_format: "",
});
const trigger = (name: string, collection: string) => ({
  name,
  type: "DATABASE",
  disabled: false,
  function_name: "onChange",
  config: {
    service_name: "mongodb-atlas",
    database: "shop",
    collection,
    operation_types: ["INSERT"],
  },
});

describe("pullApp: two resources that map to one file", () => {
  it("refuses GraphQL resolvers whose names differ only by case, naming both, and changes nothing", async () => {
    await pullApp(world.admin, { ...world.ids, dir });
    const before = await snapshot(dir);
    hostile = (config) => ({
      ...config,
      graphql: {
        ...(config.graphql as object),
        custom_resolvers: [resolver("Query", "userName"), resolver("Query", "username")],
      },
    });
    const error = await pullApp(world.admin, { ...world.ids, dir }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/Query\.userName/);
    expect(error?.message).toMatch(/Query\.username/);
    expect(error?.message).toContain("graphql/custom_resolvers/query_username.json");
    expect(await snapshot(dir)).toEqual(before);
    // No staging folder is left beside it.
    expect(readdirSync(dirname(dir))).toEqual(["app"]);
  });

  it("refuses resolvers whose type and field join to the same name (A_b.c and A.b_c)", () => {
    const config = {
      name: "x",
      graphql: { custom_resolvers: [resolver("A_b", "c"), resolver("A", "b_c")] },
    };
    expect(() => renderAppFiles(config as never, { groupId: GROUP_ID, app: APP })).toThrow(
      /A_b\.c.*A\.b_c|A\.b_c.*A_b\.c/,
    );
  });

  it("refuses two triggers of one name instead of keeping the last", async () => {
    hostile = (config) => ({
      ...config,
      triggers: [trigger("onOrder", "a"), trigger("onOrder", "b")],
    });
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      /two of its triggers named "onOrder"/,
    );
    expect(readdirSync(dirname(dir))).toEqual([]);
  });

  it("refuses two rules for one collection of a data source", () => {
    const rule = (roles: unknown[]) => ({ database: "shop", collection: "orders", roles });
    const config = {
      name: "x",
      data_sources: [
        {
          name: "mongodb-atlas",
          type: "mongodb-atlas",
          config: {},
          rules: [rule([]), rule([{ name: "r" }])],
        },
      ],
    };
    expect(() => renderAppFiles(config as never, { groupId: GROUP_ID, app: APP })).toThrow(
      /data_sources\/mongodb-atlas\/shop\/orders\/rules\.json/,
    );
  });
});

describe("pullApp: a name longer than the file system allows", () => {
  it("fails naming the resource's file, not the staging path, and changes nothing", async () => {
    // 255 bytes of UTF-8, as much as checkFileName lets through: with `.json`, 260.
    const name = `${"é".repeat(127)}x`;
    hostile = (config) => ({ ...config, triggers: [trigger(name, "orders")] });
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      `triggers/${name}.json has a name longer than this file system allows`,
    );
    expect(readdirSync(dirname(dir))).toEqual([]);
  });
});

describe("openFolderUpdate: two names the file system takes for one file", () => {
  // On macOS or Windows `Logo.png` and `logo.png` (or the NFC and NFD forms of `é`) are one file:
  // this Linux file system is not, so the first name's staged file is made under the second name
  // by hand, as such a file system would have it.
  it("fails naming the path instead of writing the second over the first", async () => {
    const owned = { roots: ["hosting"], test: () => true };
    const up = await openFolderUpdate(dir, owned);
    try {
      await up.put("hosting/files/Logo.png", "first");
      const [staging] = readdirSync(dirname(dir)).filter((name) => name.includes(".pull-"));
      const alias = join(dirname(dir), staging!, "hosting/files/logo.png");
      mkdirSync(dirname(alias), { recursive: true });
      writeFileSync(alias, "first");
      const error: unknown = await up.put("hosting/files/logo.png", "second").catch((e) => e);
      expect(error).toBeInstanceOf(PullFolderError);
      expect((error as PullFolderError).dir).toBe(up.dir);
      expect((error as Error).message).toMatch(
        /^hosting\/files\/logo\.png is, on this file system, the same file as another/,
      );
      expect(readFileSync(alias, "utf8")).toBe("first");
    } finally {
      await up.dispose();
    }
    expect(readdirSync(dirname(dir))).toEqual([]);
  });
});

describe("pullApp into a folder in the way", () => {
  it("fails naming a file that stands where the layout has a folder, before changing anything", async () => {
    await world.admin.functions.createFunction({
      ...world.ids,
      body: { name: "hello", private: false, source: "exports = () => 1;\n" },
    });
    await pullApp(world.admin, { ...world.ids, dir });
    rmSync(join(dir, "functions"), { recursive: true });
    writeFileSync(join(dir, "functions"), "a file of the user's\n");
    // Changed, so a pull rewrites it: it must not be rewritten by a pull that fails.
    writeFileSync(join(dir, "realm_config.json"), "{}\n");
    const before = await snapshot(dir);
    const error: unknown = await pullApp(world.admin, { ...world.ids, dir }).catch((e) => e);
    expect(error).toBeInstanceOf(PullFolderError);
    expect((error as PullFolderError).dir).toBe(dir);
    expect((error as Error).message).toMatch(
      /functions\/config\.json.*functions is a file, not a folder/,
    );
    expect(await snapshot(dir)).toEqual(before);
    expect(readdirSync(dirname(dir))).toEqual(["app"]);
  });

  it("fails naming a folder that stands where the layout has a file, before changing anything", async () => {
    await pullApp(world.admin, { ...world.ids, dir });
    rmSync(join(dir, "graphql/config.json"));
    mkdirSync(join(dir, "graphql/config.json"));
    writeFileSync(join(dir, "graphql/config.json/notes.txt"), "the user's, not the pull's\n");
    writeFileSync(join(dir, "realm_config.json"), "{}\n");
    const before = await snapshot(dir);
    const error: unknown = await pullApp(world.admin, { ...world.ids, dir }).catch((e) => e);
    expect(error).toBeInstanceOf(PullFolderError);
    expect((error as Error).message).toMatch(/graphql\/config\.json is a folder/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it("fails naming dir when it is a file", async () => {
    mkdirSync(dirname(dir), { recursive: true });
    writeFileSync(dir, "not a folder\n");
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(dir);
    expect(readFileSync(dir, "utf8")).toBe("not a folder\n");
    expect(readdirSync(dirname(dir))).toEqual(["app"]);
  });
});

describe("pullApp: a hosted file that became a folder, and back", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const hosted = async (dir: string) =>
    Object.fromEntries(
      Object.entries(await snapshot(dir)).filter(([path]) => path.startsWith("hosting/files/")),
    );

  it("converges when /docs, a file, is now the folder of /docs/index.html", async () => {
    await uploadAsset(world.admin, { ...world.ids, path: "/docs", file: bytes("docs\n") });
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true });
    await world.admin.hosting.deleteHostedAsset({ ...world.ids, path: "/docs" });
    await uploadAsset(world.admin, {
      ...world.ids,
      path: "/docs/index.html",
      file: bytes("<p>\n"),
    });
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true });
    expect(await hosted(dir)).toEqual({ "hosting/files/docs/index.html": "<p>\n" });
  });

  it("converges when the folder /docs/ is now a file /docs", async () => {
    await uploadAsset(world.admin, {
      ...world.ids,
      path: "/docs/a/index.html",
      file: bytes("a\n"),
    });
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true });
    await world.admin.hosting.deleteHostedAsset({ ...world.ids, path: "/docs/a/index.html" });
    await uploadAsset(world.admin, { ...world.ids, path: "/docs", file: bytes("docs\n") });
    await pullApp(world.admin, { ...world.ids, dir, includeHosting: true });
    expect(await hosted(dir)).toEqual({ "hosting/files/docs": "docs\n" });
  });
});

describe("pullApp: a hosted path the listing gives without its leading /", () => {
  it("refuses it, naming it, instead of writing hosting/filesX beside hosting/files", async () => {
    await uploadAsset(world.admin, {
      ...world.ids,
      path: "/x.json",
      file: new TextEncoder().encode("{}\n"),
    });
    listing = (assets) => assets.map((a) => ({ ...a, path: String(a.path).slice(1) }));
    await expect(pullApp(world.admin, { ...world.ids, dir, includeHosting: true })).rejects.toThrow(
      /hosted file "x\.json"/,
    );
    expect(readdirSync(dirname(dir))).toEqual([]);
  });
});

describe("pullApp into a folder that is a symlink", () => {
  const linked = (real: string) => {
    mkdirSync(dirname(dir), { recursive: true });
    symlinkSync(real, dir);
  };

  it("writes where the link leads and keeps the link", async () => {
    const real = join(dirname(dir), "real");
    mkdirSync(real);
    linked(real);
    await pullApp(world.admin, { ...world.ids, dir });
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
    expect(readdirSync(real)).toContain("realm_config.json");
    expect(readdirSync(dirname(dir)).sort()).toEqual(["app", "real"]);
  });

  // Needs a second file system: /dev/shm (a tmpfs) on Linux, when it is not the temp folder's.
  const shm = existsSync("/dev/shm") && statSync("/dev/shm").dev !== statSync(tmpdir()).dev;
  it.skipIf(!shm)("writes where the link leads when that is on another file system", async () => {
    const real = mkdtempSync("/dev/shm/pull-hostile-");
    try {
      linked(real);
      await pullApp(world.admin, { ...world.ids, dir });
      expect(readdirSync(real)).toContain("realm_config.json");
      expect(readdirSync(dirname(dir))).toEqual(["app"]);
    } finally {
      rmSync(real, { recursive: true, force: true });
    }
  });
});
