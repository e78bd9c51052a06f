// The node_modules folder zipped for a push: a link in it may point anywhere. Only a link to a
// file inside node_modules (npm's .bin links) has its content sent; a link out of the folder
// would send a file the user never meant to (~/.npmrc and its token), and one to a device or a
// pipe would read without end (/dev/zero) or wait forever (a FIFO).
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDependencies } from "../../packages/config/dependencies.js";
import { ConfigValidationError } from "../../packages/config/errors.js";
import { rejectionOf } from "../deploy/helpers.js";
import { tempDir } from "./helpers.js";

const FOLDER = { path: "functions/node_modules", folder: true };

function appWithPackage(): string {
  const dir = join(tempDir(), "app");
  mkdirSync(join(dir, "functions/node_modules/pkg"), { recursive: true });
  writeFileSync(join(dir, "functions/node_modules/pkg/index.js"), "module.exports = 1;\n");
  return dir;
}

describe("readDependencies of a node_modules folder with links", () => {
  it("sends the content of a link to a file inside node_modules", async () => {
    const dir = appWithPackage();
    mkdirSync(join(dir, "functions/node_modules/.bin"));
    symlinkSync("../pkg/index.js", join(dir, "functions/node_modules/.bin/pkg"));
    const upload = await readDependencies(dir, "node-modules", FOLDER);
    const entries = unzipSync(upload.bytes);
    expect(Object.keys(entries).sort()).toEqual([
      "node_modules/.bin/pkg",
      "node_modules/pkg/index.js",
    ]);
    expect(entries["node_modules/.bin/pkg"]).toEqual(entries["node_modules/pkg/index.js"]);
  });

  it("refuses a link to a file outside node_modules, naming the link, without reading it", async () => {
    const dir = appWithPackage();
    writeFileSync(join(dir, "secret.env"), "TOKEN=abcdef123456\n");
    symlinkSync("../../../secret.env", join(dir, "functions/node_modules/pkg/config"));
    const error = await rejectionOf(readDependencies(dir, "node-modules", FOLDER));
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues[0]!.file).toBe(
      "functions/node_modules/pkg/config",
    );
    expect((error as Error).message).toContain("outside");
    expect((error as Error).message).not.toContain("abcdef123456");
  });

  it("refuses a link to a device, naming the link, without reading it", async () => {
    const dir = appWithPackage();
    // /dev/null reads as empty; /dev/zero, through the same path, would never end.
    symlinkSync("/dev/null", join(dir, "functions/node_modules/pkg/null"));
    const error = await rejectionOf(readDependencies(dir, "node-modules", FOLDER));
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues[0]!.file).toBe(
      "functions/node_modules/pkg/null",
    );
  });

  it("refuses a link to a folder, naming the link", async () => {
    const dir = appWithPackage();
    symlinkSync("../pkg", join(dir, "functions/node_modules/pkg/loop"));
    const error = await rejectionOf(readDependencies(dir, "node-modules", FOLDER));
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues[0]!.file).toBe(
      "functions/node_modules/pkg/loop",
    );
    expect((error as Error).message).toContain("a symbolic link to a folder");
  });

  // 65,536 files take half a minute to make on this disk's file system, half a second on a tmpfs.
  const shm = existsSync("/dev/shm");
  it.skipIf(!shm)(
    "a folder past what the zip holds is the folder's problem, naming it and what to do, before any file is read",
    async () => {
      const dir = mkdtempSync("/dev/shm/dependencies-links-");
      try {
        const many = join(dir, "functions/node_modules/many");
        for (let d = 0; d < 64; d++) {
          mkdirSync(join(many, String(d)), { recursive: true });
          for (let f = 0; f < 1024; f++) writeFileSync(join(many, String(d), String(f)), "");
        }
        writeFileSync(join(many, "one-more"), "");
        const error = await rejectionOf(readDependencies(dir, "node-modules", FOLDER));
        expect(error).toBeInstanceOf(ConfigValidationError);
        expect((error as ConfigValidationError).issues[0]!.file).toBe("functions/node_modules");
        expect((error as Error).message).toContain("65537 files, more than a zip holds (65535)");
        expect((error as Error).message).toContain("functions/node_modules.zip");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
