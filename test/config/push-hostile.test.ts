import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readAppFolder } from "../../packages/config/app-folder.js";
import { ConfigValidationError } from "../../packages/config/errors.js";
import { loadAppFolder } from "../../packages/config/load-folder.js";
import { tempDir } from "./helpers.js";

// A careless or hostile folder on push: what it reads must be the folder's own files, as they are.

let base: string | undefined;
/** A writer holding a FIFO open, so a read that blocks on it gets bytes and ends. */
let writer: ChildProcess | undefined;
afterEach(() => {
  writer?.kill();
  writer = undefined;
  if (base) rmSync(base, { recursive: true, force: true });
  base = undefined;
});

/** An app folder (`<base>/app`) holding `files`, beside a folder `<base>/outside`. */
function folder(files: Record<string, string | Uint8Array>): string {
  base = tempDir("push-hostile-");
  const dir = join(base, "app");
  mkdirSync(join(base, "outside"));
  writeFileSync(join(base, "outside", "secret.js"), "exports = () => 'from outside';\n");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const APP = {
  "realm_config.json": '{"app_id": "shop-abcde", "config_version": 20210101, "name": "shop"}\n',
  "functions/config.json": '[{"name": "hello", "private": false}]\n',
};

describe("a push reads only the folder's own files", () => {
  it("refuses a config file that is a symlink leading outside the folder, naming it, without reading it", async () => {
    const dir = folder(APP);
    symlinkSync(join(base!, "outside", "secret.js"), join(dir, "functions/hello.js"));
    const { folder: read, issues } = await readAppFolder(dir);
    expect(read.sources.has("functions/hello.js")).toBe(false);
    expect(issues).toEqual([
      expect.objectContaining({
        file: "functions/hello.js",
        message: expect.stringMatching(/symlink.*outside the app folder.*secret\.js/),
      }),
    ]);
    const error = await loadAppFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).not.toContain("from outside");
  });

  it("refuses a relative symlink that climbs out (../../outside)", async () => {
    const dir = folder(APP);
    symlinkSync("../../outside/secret.js", join(dir, "functions/hello.js"));
    const { folder: read, issues } = await readAppFolder(dir);
    expect(read.sources.size).toBe(0);
    expect(issues.map((i) => i.file)).toEqual(["functions/hello.js"]);
  });

  it("still reads a symlink to a file inside the folder", async () => {
    const dir = folder({ ...APP, "shared/hello.js": "exports = () => 1;\n" });
    symlinkSync("../shared/hello.js", join(dir, "functions/hello.js"));
    const { folder: read, issues } = await readAppFolder(dir);
    expect(issues).toEqual([]);
    expect(read.sources.get("functions/hello.js")).toBe("exports = () => 1;\n");
  });

  it("reports a symlink to a FIFO instead of blocking on it", async () => {
    const dir = folder(APP);
    execFileSync("mkfifo", [join(dir, "pipe")]);
    symlinkSync("../pipe", join(dir, "functions/hello.js"));
    // Without a writer, a read of the FIFO would block this process for good: with one, such a
    // read ends (and the test fails on what it read) instead of hanging the suite.
    writer = spawn("sh", ["-c", 'printf "exports = 1;" > "$0"', join(dir, "pipe")], {
      stdio: "ignore",
    });
    const { issues } = await readAppFolder(dir);
    expect(issues).toEqual([
      expect.objectContaining({
        file: "functions/hello.js",
        message: expect.stringMatching(/not a regular file/),
      }),
    ]);
  });
});

describe("a push sends the folder's text as it is", () => {
  it("refuses a source that is not UTF-8 (Latin-1 é), with its line and column, instead of replacing the byte", async () => {
    const latin1 = Buffer.from("exports = () =>\n  'caf\xe9';\n", "latin1");
    const dir = folder({ ...APP, "functions/hello.js": latin1 });
    const { folder: read, issues } = await readAppFolder(dir);
    expect(read.sources.has("functions/hello.js")).toBe(false);
    expect(issues).toEqual([
      {
        file: "functions/hello.js",
        line: 2,
        column: 7,
        pointer: "",
        message: "not UTF-8 text (byte 0xe9): save it as UTF-8",
      },
    ]);
  });

  it("refuses a JSON file that is not UTF-8", async () => {
    const dir = folder({
      ...APP,
      "functions/hello.js": "exports = () => 1;\n",
      "values/greeting.json": Buffer.from('{"name": "greeting", "value": "h\xe9"}\n', "latin1"),
    });
    const { issues } = await readAppFolder(dir);
    expect(issues.map((i) => [i.file, i.line, i.column])).toEqual([
      ["values/greeting.json", 1, 33],
    ]);
  });

  it("keeps a U+FFFD that the file really holds", async () => {
    const dir = folder({ ...APP, "functions/hello.js": "exports = () => '\uFFFD';\n" });
    const { folder: read, issues } = await readAppFolder(dir);
    expect(issues).toEqual([]);
    expect(read.sources.get("functions/hello.js")).toBe("exports = () => '\uFFFD';\n");
  });

  it("says a JSON file starts with a byte order mark, which the parser's message does not show", async () => {
    const dir = folder({ ...APP, "functions/config.json": '\uFEFF[{"name": "hello"}]\n' });
    const { issues } = await readAppFolder(dir);
    expect(issues).toEqual([
      {
        file: "functions/config.json",
        line: 1,
        column: 1,
        pointer: "",
        message:
          "not valid JSON: it starts with a byte order mark (U+FEFF); save it as UTF-8 without one",
      },
    ]);
  });
});
