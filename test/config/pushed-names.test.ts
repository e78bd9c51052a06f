import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigValidationError, pullApp, pushApp } from "../../packages/config/index.js";
import { checkFileName } from "../../packages/config/layout.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { rejectionOf } from "../deploy/helpers.js";
import { worldWithPulledFunction } from "./helpers.js";

// A name a pull refuses to write as a file name (a control character, above all) is refused by
// push first, at its place, with the pull's own message: nothing is pushed that cannot be pulled
// back. The server takes such names, so without the check the app would be stuck for pulls.

type World = Awaited<ReturnType<typeof worldWithPulledFunction>>["world"];
let world: World | undefined;
afterEach(async () => {
  await world?.emu.stop();
  world = undefined;
});

async function pushed(files: Record<string, unknown>) {
  const started = await worldWithPulledFunction();
  world = started.world;
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(join(started.dir, path, ".."), { recursive: true });
    writeFileSync(join(started.dir, path), typeof value === "string" ? value : stableJson(value));
  }
  world.emu.control.resetCounts();
  const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir: started.dir }));
  expect(error).toBeInstanceOf(ConfigValidationError);
  expect(world.emu.control.counts().total).toBe(0);
  return (error as ConfigValidationError).issues.map(({ file, pointer, message }) => ({
    file,
    pointer,
    message,
  }));
}

const refusal = (what: string, name: string, nested = false) => {
  try {
    checkFileName(name, what, nested);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(name)} is a usable file name`);
};

describe("push refuses the names pull cannot write back", () => {
  it("control characters: a function, a log forwarder, a custom resolver, a rule's database", async () => {
    const fn = "hello\u0001";
    const issues = await pushed({
      "functions/config.json": [
        { name: "hello", private: false },
        { name: fn, private: false },
      ],
      [`functions/${fn}.js`]: "exports = () => 1;\n",
      "log_forwarders/fwd.json": {
        name: "fwd\u001b",
        log_types: ["function"],
        log_statuses: ["error"],
        policy: { type: "single" },
        action: { type: "function", name: "hello" },
      },
      "graphql/custom_resolvers/query_x.json": {
        on_type: "Query",
        field_name: "x\t",
        function_name: "hello",
        input_type_format: "scalar",
        payload_type_format: "scalar",
      },
      "data_sources/mongodb-atlas/db/items/rules.json": {
        database: "db\n",
        collection: "items",
        roles: [],
      },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          file: "functions/config.json",
          pointer: "/1/name",
          message: refusal("a function", fn, true),
        },
        {
          file: "log_forwarders/fwd.json",
          pointer: "/name",
          message: refusal("a log forwarder", "fwd\u001b"),
        },
        {
          file: "graphql/custom_resolvers/query_x.json",
          pointer: "",
          message: refusal("a custom resolver", "query_x\t"),
        },
        {
          file: "data_sources/mongodb-atlas/db/items/rules.json",
          pointer: "/database",
          message: refusal("a rule's database", "db\n"),
        },
      ]),
    );
    expect(refusal("a function", fn, true)).toBe(
      'a function has no name usable as a file name: "hello\\u0001"',
    );
  });

  it("a name the schema refuses already is told once, by the schema", async () => {
    const issues = await pushed({
      "triggers/nightly.json": {
        name: "nightly\u0007",
        type: "SCHEDULED",
        function_name: "hello",
        config: { schedule: "0 8 * * *" },
      },
    });
    expect(issues.filter((i) => i.file === "triggers/nightly.json")).toEqual([
      {
        file: "triggers/nightly.json",
        pointer: "/name",
        message: 'a trigger: String does not match pattern "^[A-Za-z0-9_-]*$".',
      },
    ]);
  });

  it("the message is the one the pull of the same name fails with", async () => {
    const fn = "hello\u0001";
    let hostile = false;
    const started = await worldWithPulledFunction({
      fetch: async (request) => {
        const answer = await fetch(request);
        if (!hostile || !new URL(request.url).pathname.endsWith("/pull")) return answer;
        const config = (await answer.json()) as Record<string, unknown>;
        return Response.json({ ...config, functions: [{ name: fn, private: false, source: "" }] });
      },
    });
    world = started.world;
    hostile = true;
    const pulled = await rejectionOf(pullApp(world.admin, { ...world.ids, dir: started.dir }));
    expect((pulled as Error).message).toBe(refusal("a function", fn, true));
  });

  it("not only control characters: a log forwarder named . (no file can be)", async () => {
    const issues = await pushed({
      "log_forwarders/fwd.json": {
        name: ".",
        log_types: ["function"],
        log_statuses: ["error"],
        policy: { type: "single" },
        action: { type: "function", name: "hello" },
      },
    });
    expect(issues).toContainEqual({
      file: "log_forwarders/fwd.json",
      pointer: "/name",
      message: refusal("a log forwarder", "."),
    });
  });
});

// A collection folder without rules.json pushes its rule under the folder's own names (database
// and collection): a name a pull could not write back is refused there too, as a rules.json's.
const SCHEMA = { title: "item", bsonType: "object", properties: {} };

describe.skipIf(process.platform === "win32")("a collection folder without rules.json", () => {
  it("refuses a database folder whose name a pull could not write, once, at its schema.json", async () => {
    const base = "data_sources/mongodb-atlas/db\u0001/items";
    const issues = await pushed({
      [`${base}/schema.json`]: SCHEMA,
      [`${base}/relationships.json`]: {},
    });
    expect(issues).toEqual([
      {
        file: `${base}/schema.json`,
        pointer: "",
        message: refusal("a rule's database", "db\u0001"),
      },
    ]);
  });

  it("refuses a collection folder so named, at relationships.json when there is no schema.json", async () => {
    const base = "data_sources/mongodb-atlas/db/items\n";
    const issues = await pushed({ [`${base}/relationships.json`]: {} });
    expect(issues).toContainEqual({
      file: `${base}/relationships.json`,
      pointer: "",
      message: refusal("a rule's collection", "items\n"),
    });
  });
});
