import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AdminError } from "../../packages/core/errors.js";
import { pullApp } from "../../packages/config/index.js";
import { MAX_JSON_DEPTH } from "../../packages/config/json-position.js";
import { loadAppFolder } from "../../packages/config/load-folder.js";
import { stableJson, tooDeepPointer } from "../../packages/config/stable-json.js";
import { startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

// A pulled configuration nested deeper than a config file may be (the 1000 levels a push reads,
// and the emulator takes) is refused naming the file and the pointer where the limit is passed:
// never the engine's stack overflow, never a file the next push refuses. The emulator refuses
// such a configuration itself, so the pull's answer is replaced on its way to the client (the
// text built by hand: 20,000 levels overflow a recursive printer).

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;
/** The text of the value of the Value named "deep" in the next `GET …/pull` answer, if set. */
let deepValue: string | undefined;

beforeEach(async () => {
  deepValue = undefined;
  world = await startWorld({
    fetch: async (request) => {
      const answer = await fetch(request);
      if (deepValue === undefined || !new URL(request.url).pathname.endsWith("/pull"))
        return answer;
      const config = (await answer.json()) as Record<string, unknown>;
      const text = JSON.stringify({ ...config, values: [{ name: "deep", value: "@" }] });
      return new Response(text.replace('"@"', deepValue), {
        headers: { "content-type": "application/json" },
      });
    },
  });
  dir = join(tempDir("pull-deep-"), "app");
});
afterEach(async () => {
  await world.emu.stop();
  rmSync(dirname(dir), { recursive: true, force: true });
});

/** `levels` arrays nested in one another. */
const arrays = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

describe("pulled JSON nested deeper than a config file may be", () => {
  it("20,000 levels: an AdminError naming the file and the pointer, nothing written", async () => {
    deepValue = arrays(20_000);
    const error = await pullApp(world.admin, { ...world.ids, dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminError);
    // values/deep.json is level 1, its "value" level 2: the container at level 1001 is 999 down.
    expect((error as Error).message).toBe(
      `values/deep.json: nested deeper than ${MAX_JSON_DEPTH} levels at /value${"/0".repeat(11)}/…: ` +
        `a push could not read it back, so it is not written`,
    );
    expect(readdirSync(dirname(dir))).toEqual([]);
  });

  it("exactly at the limit it is written, and the push reads it back", async () => {
    deepValue = arrays(MAX_JSON_DEPTH - 1);
    await pullApp(world.admin, { ...world.ids, dir });
    const file = readFileSync(join(dir, "values/deep.json"), "utf8");
    expect(JSON.parse(file)).toEqual({ name: "deep", value: JSON.parse(deepValue) });
    const { payload } = await loadAppFolder(dir);
    expect(payload.values).toEqual([{ name: "deep", value: JSON.parse(deepValue) }]);
  });

  it("one level more is refused", async () => {
    deepValue = arrays(MAX_JSON_DEPTH);
    await expect(pullApp(world.admin, { ...world.ids, dir })).rejects.toThrow(
      "values/deep.json: nested deeper than 1000 levels at /value/0/0",
    );
  });
});

describe("stableJson and tooDeepPointer", () => {
  it("stableJson refuses past the limit with a RangeError saying so, not a stack overflow", () => {
    expect(() => stableJson(JSON.parse(arrays(20_000)))).toThrow(
      new RangeError("nested deeper than 1000 levels"),
    );
  });

  it("tooDeepPointer names the first container past the limit, escaping keys", () => {
    let value: unknown = {};
    for (let i = 0; i < MAX_JSON_DEPTH; i++) value = { "a/b": value, "~": 1 };
    expect(tooDeepPointer(value)).toBe(`/${Array(MAX_JSON_DEPTH).fill("a~1b").join("/")}`);
    expect(tooDeepPointer({ x: [1, { y: [] }] })).toBeUndefined();
  });
});
