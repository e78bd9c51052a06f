import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readAppFolder } from "../../packages/config/app-folder.js";
import { ConfigValidationError } from "../../packages/config/errors.js";
import { MAX_JSON_DEPTH, tooDeepAt } from "../../packages/config/json-position.js";
import { loadAppFolder } from "../../packages/config/load-folder.js";
import { collectResources } from "../../packages/config/resources.js";
import { tempDir } from "./helpers.js";

// Deeply nested JSON in a config file: the problem is told with its file, line and column, not
// placed wherever a recursive walk ran out of stack, and no walk crashes with a bare RangeError.

let base: string | undefined;
afterEach(() => {
  if (base) rmSync(base, { recursive: true, force: true });
  base = undefined;
});

function folder(files: Record<string, string>): string {
  base = tempDir("json-hostile2-");
  const dir = join(base, "app");
  const all = {
    "realm_config.json": '{"app_id": "shop-abcde", "config_version": 20210101, "name": "shop"}\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function issuesOf(dir: string) {
  const error = await loadAppFolder(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigValidationError);
  return (error as ConfigValidationError).issues.map(({ file, line, column, message }) => ({
    file,
    line,
    column,
    message,
  }));
}

const arrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
/** A trigger whose `match` nests `depth` objects, and whose `project` the schema refuses. */
const trigger = (depth: number) =>
  '{"name": "t", "type": "DATABASE", "disabled": false, "function_name": "f",\n' +
  ' "config": {"service_name": "m", "database": "d", "collection": "c",\n' +
  `  "operation_types": ["INSERT"], "match": ${'{"a":'.repeat(depth)}1${"}".repeat(depth)},\n` +
  '  "project": 5}}\n';

describe("a config file nested deeper than the limit", () => {
  const deeper = `nested deeper than ${MAX_JSON_DEPTH} levels (this bracket opens level ${MAX_JSON_DEPTH + 1})`;

  it("valid JSON 5000 levels deep is refused at the bracket past the limit", async () => {
    const dir = folder({ "values/deep.json": `{"name": "deep", "value":\n${arrays(5000)}}\n` });
    expect(await issuesOf(dir)).toEqual([
      // The value's object is level 1: the 1000th `[` of line 2 opens level 1001.
      { file: "values/deep.json", line: 2, column: 1000, message: expect.stringContaining(deeper) },
    ]);
  });

  it("invalid JSON 5000 levels deep is told so at its line, not where a walk ran out of stack", async () => {
    const dir = folder({
      "values/deep.json": `{"name": "deep", "value":\n${arrays(5000).slice(0, -1)}}\n`,
    });
    expect(await issuesOf(dir)).toEqual([
      { file: "values/deep.json", line: 2, column: 1000, message: expect.stringContaining(deeper) },
    ]);
  });

  it("a schema error after 5000 nested objects: the depth is told, at its line", async () => {
    const dir = folder({ "triggers/t.json": trigger(5000) });
    expect(await issuesOf(dir)).toEqual([
      {
        file: "triggers/t.json",
        line: 3,
        // The root is level 1, `config` 2: the 999th `{"a":` of `match` (from column 43) opens 1001.
        column: 43 + 5 * (MAX_JSON_DEPTH - 2),
        message: expect.stringContaining(deeper),
      },
    ]);
  });

  it("at the limit, a schema error is placed where it is, and the folder can be compared", async () => {
    const dir = folder({ "triggers/t.json": trigger(MAX_JSON_DEPTH - 2) });
    expect(await issuesOf(dir)).toEqual([
      {
        file: "triggers/t.json",
        line: 4,
        column: 14,
        message: expect.stringContaining('value type "number" is invalid'),
      },
    ]);
    const { folder: read, issues } = await readAppFolder(dir);
    expect(issues).toEqual([]);
    expect(collectResources(read).size).toBe(2);
  });

  it("brackets inside strings, escaped quotes included, do not count", () => {
    const text = `{"a": "${"[".repeat(2000)}\\"${"{".repeat(2000)}", "b": ${arrays(999)}}`;
    expect(tooDeepAt(text)).toBeUndefined();
    expect(tooDeepAt(`{"b": ${arrays(1000)}}`)).toBe(1005);
  });
});
