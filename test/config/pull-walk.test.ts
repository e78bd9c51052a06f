import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pullApp } from "../../packages/config/index.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
/** Paths of the API requests, in the order they were sent. */
let sent: string[];

beforeEach(async () => {
  sent = [];
  world = await startWorld({
    fetch: (request) => {
      sent.push(new URL(request.url).pathname);
      return fetch(request);
    },
  });
});
afterEach(() => world.emu.stop());

describe("pullApp walks the folder while its first requests are under way", () => {
  it("has asked for the configuration when the walk fails, and writes nothing", async () => {
    // A file where the folder should be: the walk fails (ENOTDIR) at once, the requests are out.
    // (Without hosting: the hosting side would look at hosting/files and fail the same way.)
    const dir = join(tempDir(), "app");
    writeFileSync(dir, "not a folder\n");

    const error = await rejectionOf(pullApp(world.admin, { ...world.ids, dir }));

    expect((error as NodeJS.ErrnoException).code).toBe("ENOTDIR");
    expect(sent.some((path) => path.endsWith("/pull"))).toBe(true);
    expect(readFileSync(dir, "utf8")).toBe("not a folder\n");
    // No staging folder is left beside it.
    expect(readdirSync(dirname(dir))).toEqual(["app"]);
  });
});
