import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigValidationError, pushApp } from "../../packages/config/index.js";
import { stableJson } from "../../packages/config/stable-json.js";
import type { FileKind } from "../../packages/config/file-kinds.js";
import { loadConfigSchemas, validatorFor } from "../../packages/config/schema-validators.js";
import { validateFolder } from "../../packages/config/validate-folder.js";
import { rejectionOf, startWorld } from "../deploy/helpers.js";
import { fixtureFiles, parsed, worldWithPulledFunction } from "./helpers.js";

// The documented name rules (name-rules in spec/EVIDENCE.md) are checked before a push sends
// anything: a folder the real server would refuse halfway is refused whole, naming where.
type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;
let dir: string;

beforeEach(async () => {
  ({ world, dir } = await worldWithPulledFunction());
});
afterEach(() => world.emu.stop());

function write(path: string, value: unknown) {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), stableJson(value));
}

describe("pushApp: names the real server refuses", () => {
  it("refuses them with file, line, column and pointer, sending nothing", async () => {
    write("values/apiKey.json", { name: "api key", value: "k" });
    write("triggers/nightly.json", {
      name: "n".repeat(65),
      type: "SCHEDULED",
      function_name: "hello",
      config: { schedule: "0 8 * * *" },
    });
    world.emu.control.resetCounts();
    const error = await rejectionOf(pushApp(world.admin, { ...world.ids, dir }));
    expect(error).toBeInstanceOf(ConfigValidationError);
    const issues = (error as ConfigValidationError).issues;
    expect(
      issues.map(({ file, line, column, pointer }) => ({ file, line, column, pointer })),
    ).toEqual([
      { file: "triggers/nightly.json", line: 6, column: 11, pointer: "/name" },
      { file: "values/apiKey.json", line: 2, column: 11, pointer: "/name" },
    ]);
    expect((error as Error).message).toContain("values/apiKey.json:2:11 /name:");
    expect((error as Error).message).toContain("triggers/nightly.json:6:11 /name:");
    expect(issues.map((i) => i.message)).toEqual([
      "a trigger: String is too long (65 > 64).",
      'a value: String does not match pattern "^[A-Za-z0-9][A-Za-z0-9_-]*$".',
    ]);
    expect(world.emu.control.counts().total).toBe(0);
  });

  it("pushes the longest names the rules allow", async () => {
    const longest = `${"Ab1_-".repeat(12)}Ab1_`;
    write(`values/${longest}.json`, { name: longest, value: "k" });
    const result = await pushApp(world.admin, { ...world.ids, dir });
    expect(result.deployment?.status).toBe("successful");
    const names = (await world.admin.values.listValues(world.ids)).map((v) => v.name);
    expect(names).toContain(longest);
  });
});

describe("validateFolder: the app's own name", () => {
  it("keeps a root config named as realm-cli's testdata names its app (20210101-local)", async () => {
    // The app's rule (a letter first) is for creating one; a pushed folder's app exists already.
    const files = fixtureFiles();
    const root = JSON.parse(files.get("realm_config.json")!);
    files.set("realm_config.json", stableJson({ ...root, name: "20210101-local" }));
    expect(validateFolder(parsed(files), await loadConfigSchemas())).toEqual([]);
  });
});

describe("validatorFor: a refused pattern says the rule", () => {
  // Through a `$ref` (the validator's text names no pattern; the rule is read at the error's
  // keyword location): in words when the schema's description speaks of characters, with the
  // pattern itself always.
  const doc = (description?: string) => ({
    components: {
      schemas: {
        Named: {
          type: "object",
          properties: { name: { $ref: "#/components/schemas/Name" } },
        },
        Name: {
          type: "string",
          pattern: "^[a-z]+$",
          maxLength: 8,
          ...(description && { description }),
        },
      },
    },
  });
  const kind: FileKind = {
    what: "a thing",
    pattern: /^things\.json$/,
    schema: "Named",
    shape: "list",
  };
  const messages = (d: ReturnType<typeof doc>, value: unknown) =>
    validatorFor(
      d,
      kind,
    )(value)
      .filter((e) => e.keyword === "pattern" || e.keyword === "maxLength")
      .map((e) => [e.instanceLocation, e.error]);

  it("names the pattern, and the description that says it in words", () => {
    expect(messages(doc(), [{ name: "ok" }, { name: "Not ok" }])).toEqual([
      ["#/1/name", 'String does not match pattern "^[a-z]+$".'],
    ]);
    expect(messages(doc("The thing's name."), [{ name: "A" }])).toEqual([
      ["#/0/name", 'String does not match pattern "^[a-z]+$".'],
    ]);
    expect(messages(doc("Lowercase letters only. "), [{ name: "A" }])).toEqual([
      ["#/0/name", 'String does not match pattern "^[a-z]+$" (Lowercase letters only).'],
    ]);
    expect(messages(doc(), [{ name: "toolongname" }])).toEqual([
      ["#/0/name", "String is too long (11 > 8)."],
    ]);
  });
});
