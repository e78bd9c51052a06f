// Dependencies uploads in every archive format the official CLI sends as it is (realm-cli
// internal/local/archive.go: .zip, .tar, .tgz, .tar.gz; local/dependencies.go PrepareUpload sends
// the file unchanged), and an installation that fails as the server reports it (cloud/realm/
// dependencies.go: `status: "failed"` with its `status_message`). The tars are written by the
// system's `tar` (as test/package/pack.ts uses it), not by this suite: archives as users make them.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "../../packages/client/create-admin-client.js";
import {
  DependenciesInstallError,
  PushAppError,
  pullApp,
  pushApp,
} from "../../packages/config/index.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { scratchDir } from "../setup/scratch.js";
import { appPath, call, login, start } from "./helpers.js";
import { multipart } from "./multipart.js";

const INSTALL_MS = 500;
let now = Date.UTC(2026, 0, 1);
let emu: RunningEmulator;
let token: string;

beforeEach(async () => {
  emu = await start({
    logs: { count: 0 },
    clock: { now: () => now },
    dependencyInstallMs: INSTALL_MS,
  });
  token = (await login(emu)).access_token;
});
afterEach(() => emu.stop());

// A package name longer than a ustar name field (100 bytes): only PAX `path` records and GNU
// `L` entries can hold it. One of 80 fits ustar by its prefix field (the path is over 100).
const LONG = `@scope/${"l".repeat(120)}`;
const MEDIUM = `@scope/${"m".repeat(80)}`;

/** functions/ with node_modules: files, folders, a scoped package, and a .bin link. */
let functions: string;
/** The regular files under functions/, by path, with the very long package. */
const files: Record<string, Uint8Array> = {};

beforeAll(() => {
  functions = join(scratchDir("deps-"), "functions");
  const add = (path: string, content: string) => {
    mkdirSync(join(functions, path, ".."), { recursive: true });
    writeFileSync(join(functions, path), content);
    files[path] = strToU8(content);
  };
  add("node_modules/.yarn-integrity", "{}\n");
  for (const [name, version] of [
    ["ms", "2.1.2"],
    ["debug", "4.3.1"],
    [MEDIUM, "1.0.0"],
    [LONG, "2.0.0"],
  ] as const) {
    add(`node_modules/${name}/package.json`, JSON.stringify({ name, version }));
    add(`node_modules/${name}/index.js`, `module.exports = ${JSON.stringify(name)};\n`);
  }
  mkdirSync(join(functions, "node_modules/.bin"));
  symlinkSync("../ms/index.js", join(functions, "node_modules/.bin/ms"));
});

/** An archive of functions/node_modules written by the system's tar, with these flags. */
function tar(...flags: string[]): Uint8Array {
  return new Uint8Array(
    execFileSync("tar", [...flags, "-f", "-", "node_modules"], { cwd: functions }),
  );
}

const withoutLong = (paths: string[]) => paths.filter((p) => !p.includes(LONG));
const listed = (paths: string[]) =>
  paths
    .filter((p) => p.endsWith("/package.json"))
    .map((p) => JSON.parse(new TextDecoder().decode(files[p])) as { name: string; version: string })
    .sort((a, b) => (a.name < b.name ? -1 : 1));

async function upload(method: string, suffix: string, content: Uint8Array, filename: string) {
  const { body, contentType } = multipart([{ name: "file", filename, content }]);
  const headers = { "content-type": contentType.replace("mixed", "form-data") };
  return call(emu, method, appPath(emu, suffix), { token, body, headers });
}
const status = async () =>
  (await call(emu, "GET", appPath(emu, "/dependencies/status"), { token })).body;
const installed = () => call(emu, "GET", appPath(emu, "/dependencies"), { token });

describe("a tar or tar.gz installs what the same files as a zip install", () => {
  const cases: [string, string, () => Uint8Array, (bytes: Uint8Array) => boolean, boolean][] = [
    // name, file name, archive, proof the archive uses the header kind named, holds LONG
    [
      "ustar (a path over 100 bytes in the prefix field)",
      "node_modules.tar",
      () => tar("--format=ustar", `--exclude=${LONG.slice(7)}`, "-c"),
      // The folder in the prefix field, the file's name apart: never the whole path in one run.
      (b) =>
        Buffer.from(b).includes(`node_modules/${MEDIUM}\0`) &&
        !Buffer.from(b).includes(`node_modules/${MEDIUM}/package.json`),
      false,
    ],
    [
      "pax (a name too long for ustar, in a `path` record)",
      "node_modules.tar",
      () => tar("--format=pax", "-c"),
      (b) => Buffer.from(b).includes(` path=node_modules/${LONG}/`),
      true,
    ],
    [
      "GNU (a name too long for ustar, in a ././@LongLink entry)",
      "node_modules.tar",
      () => tar("--format=gnu", "-c"),
      (b) => Buffer.from(b).includes("././@LongLink"),
      true,
    ],
    [
      "gzip of pax, as .tgz",
      "node_modules.tgz",
      () => tar("--format=pax", "-cz"),
      (b) => b[0] === 0x1f && b[1] === 0x8b,
      true,
    ],
    [
      "gzip of pax, as .tar.gz",
      "node_modules.tar.gz",
      () => tar("--format=pax", "-cz"),
      (b) => b[0] === 0x1f && b[1] === 0x8b,
      true,
    ],
  ];

  for (const [name, filename, make, proof, long] of cases) {
    it(name, async () => {
      const bytes = make();
      expect(proof(bytes), "the archive uses the header kind the case names").toBe(true);
      const paths = long ? Object.keys(files) : withoutLong(Object.keys(files));
      const zip = zipSync(Object.fromEntries(paths.map((p) => [p, files[p]!])));

      expect((await upload("PUT", "/dependencies", bytes, filename)).status).toBe(204);
      expect(await status()).toEqual({ status: "created", status_message: "processing request" });
      now += INSTALL_MS;
      expect(await status()).toEqual({ status: "successful", status_message: "" });

      const list = (await installed()).body.dependencies_list;
      expect(list).toEqual(listed(paths));
      // What a diff against the same files zipped finds: nothing.
      const diff = await upload("POST", "/dependencies/diff", zip, "node_modules.zip");
      expect(diff.body).toEqual({ added: [], deleted: [], modified: [] });
      // The archive comes back as node_modules.zip with the same files (the link is no file).
      const archive = await fetch(emu.url + appPath(emu, "/dependencies/archive"), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(archive.headers.get("content-disposition")).toContain('filename="node_modules.zip"');
      const back = unzipSync(new Uint8Array(await archive.arrayBuffer()));
      expect(Object.keys(back).sort()).toEqual([...paths].sort());
      expect(back["node_modules/ms/index.js"]).toEqual(files["node_modules/ms/index.js"]);
    });
  }

  it("a tar of `.` (entries `./node_modules/…`) installs the same", async () => {
    const bytes = new Uint8Array(
      execFileSync("tar", ["--format=pax", "-cf", "-", "."], { cwd: functions }),
    );
    expect(Buffer.from(bytes).includes("./node_modules/ms/package.json")).toBe(true);
    expect((await upload("PUT", "/dependencies", bytes, "node_modules.tar")).status).toBe(204);
    expect((await installed()).body.dependencies_list).toEqual(listed(Object.keys(files)));
  });
});

describe("archives the ustar reader once missed", () => {
  /** The names in a zip, read through fflate's filter: its result object would take `__proto__`. */
  const namesIn = (zip: Uint8Array) => {
    const names: string[] = [];
    unzipSync(zip, { filter: (file) => (names.push(file.name), false) });
    return names.sort();
  };
  const archiveBack = async () =>
    new Uint8Array(
      await (
        await fetch(emu.url + appPath(emu, "/dependencies/archive"), {
          headers: { authorization: `Bearer ${token}` },
        })
      ).arrayBuffer(),
    );

  it("a pre-POSIX (v7) tar, without the ustar magic, installs like any tar", async () => {
    const bytes = tar("--format=v7", "-c", "--exclude=@scope");
    expect(new TextDecoder().decode(bytes.subarray(257, 262))).not.toBe("ustar");
    expect((await upload("PUT", "/dependencies", bytes, "node_modules.tar")).status).toBe(204);
    const paths = Object.keys(files).filter((p) => !p.includes("@scope"));
    expect((await installed()).body.dependencies_list).toEqual(listed(paths));
    expect(namesIn(await archiveBack())).toEqual([...paths].sort());
  });

  it("a v7 tar's folders with no type (`\\0`, the name ending `/`) are folders, as Go reads them", async () => {
    // GNU tar writes a v7 folder as type 5; the oldest writers left the type empty and ended the
    // name with `/`, which Go's archive/tar promotes to a folder. Rewritten here, checksums fixed.
    const bytes = tar("--format=v7", "-c", "--exclude=@scope");
    let folders = 0;
    for (let at = 0; at + 512 <= bytes.length && bytes[at] !== 0;) {
      const header = bytes.subarray(at, at + 512);
      const size = parseInt(new TextDecoder().decode(header.subarray(124, 136)).trim() || "0", 8);
      if (header[156] === 0x35) {
        folders++;
        header[156] = 0;
        header.fill(0x20, 148, 156);
        const sum = header.reduce((total, byte) => total + byte, 0);
        header.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
      }
      at += 512 + Math.ceil(size / 512) * 512;
    }
    expect(folders).toBeGreaterThan(2);
    expect((await upload("PUT", "/dependencies", bytes, "node_modules.tar")).status).toBe(204);
    const paths = Object.keys(files).filter((p) => !p.includes("@scope"));
    expect((await installed()).body.dependencies_list).toEqual(listed(paths));
    expect(namesIn(await archiveBack())).toEqual([...paths].sort());
  });

  it("an entry named `__proto__` is kept as a file, not taken as the entries' prototype", async () => {
    writeFileSync(join(functions, "__proto__"), "not a prototype\n");
    const bytes = new Uint8Array(
      execFileSync("tar", ["--format=ustar", "-cf", "-", "__proto__", "node_modules/ms"], {
        cwd: functions,
      }),
    );
    expect((await upload("PUT", "/dependencies", bytes, "node_modules.tar")).status).toBe(204);
    expect((await installed()).body.dependencies_list).toEqual([{ name: "ms", version: "2.1.2" }]);
    expect(namesIn(await archiveBack())).toEqual([
      "__proto__",
      "node_modules/ms/index.js",
      "node_modules/ms/package.json",
    ]);
  });
});

describe("a broken archive is a 400 naming what is wrong, and installs nothing", () => {
  const bad = (problem: string) => ({
    status: 400,
    body: { error: `invalid file: ${problem}`, error_code: "InvalidParameter" },
  });
  const put = async (bytes: Uint8Array, filename: string) => {
    const answer = await upload("PUT", "/dependencies", bytes, filename);
    return { status: answer.status, body: answer.body };
  };

  it("cut, altered or misplaced: each refused, nothing stored", async () => {
    const tgz = tar("--format=pax", "-cz");
    expect(await put(tgz.subarray(0, tgz.length >> 1), "node_modules.tgz")).toEqual(
      bad("not a valid gzip archive: unexpected end of file"),
    );
    const plain = tar("--format=ustar", `--exclude=${LONG.slice(7)}`, "-c");
    // The first header is node_modules/ itself (a folder); the second names a file.
    const altered = plain.slice();
    altered[512 + 3]! ^= 0x01;
    expect(await put(altered, "node_modules.tar")).toEqual(
      bad("not a valid tar archive: the header at byte 512 has a wrong checksum"),
    );
    const firstFile = (() => {
      for (let at = 0; ;) {
        const size = parseInt(new TextDecoder().decode(plain.subarray(at + 124, at + 135)), 8);
        if (size > 0) return { at, size };
        at += 512;
      }
    })();
    expect(
      await put(plain.subarray(0, firstFile.at + 512 + firstFile.size - 1), "node_modules.tar"),
    ).toEqual(
      bad(
        `not a valid tar archive: the entry at byte ${firstFile.at} is cut short (${firstFile.size} bytes announced)`,
      ),
    );
    expect(await put(gzipSync('{"dependencies":{}}'), "node_modules.tgz")).toEqual(
      bad("the gzip archive holds no tar archive"),
    );
    const lib = new Uint8Array(
      execFileSync("tar", ["--format=ustar", "-cf", "-", "node_modules/ms"], { cwd: functions }),
    );
    // The same entries moved under lib/lib/: no node_modules folder at the top (or one down).
    mkdirSync(join(functions, "../lib/lib"), { recursive: true });
    writeFileSync(join(functions, "../lib/lib/x.js"), "x");
    const noModules = new Uint8Array(
      execFileSync("tar", ["-cf", "-", "lib"], { cwd: join(functions, "..") }),
    );
    expect(await put(noModules, "node_modules.tar")).toEqual(
      bad("the tar archive holds no node_modules folder"),
    );
    writeFileSync(join(functions, "../evil.js"), "x");
    const outside = new Uint8Array(
      execFileSync("tar", ["-P", "-cf", "-", "node_modules/ms/package.json", "../evil.js"], {
        cwd: functions,
      }),
    );
    expect(await put(outside, "node_modules.tar")).toEqual(
      bad("the archive's entry '../evil.js' lands outside the folder it is extracted to"),
    );
    expect((await installed()).status).toBe(404);
    // And the untouched archive is taken.
    expect((await put(lib, "node_modules.tar")).status).toBe(204);
  });

  it("a PAX size that is not a count of bytes is refused (a negative one stepped back over headers)", async () => {
    // A record of the system's tar rewritten in place, its length kept: `size=-512` re-read the
    // header it applied to; -1536 went back to the PAX header before it, for ever.
    const pax = Buffer.from(
      execFileSync(
        "tar",
        ["--format=pax", "--pax-option=comment:=xxxxxxxxx", "-cf", "-", "node_modules/ms"],
        { cwd: functions },
      ),
    );
    const record = pax.indexOf("comment=xxxxxxxxx");
    expect(record).toBeGreaterThan(0);
    pax.write("size=-512".padEnd(17, " "), record);
    const header = Math.ceil(record / 512) * 512;
    expect(await put(new Uint8Array(pax), "node_modules.tar")).toEqual(
      bad(
        `not a valid tar archive: the entry at byte ${header} has a PAX size that is not a count of bytes ('-512        ')`,
      ),
    );
    expect((await installed()).status).toBe(404);
  });
});

describe("a tar.gz expanding past the emulator's body limit", () => {
  it("is refused as a body that size would be (413), before its files are read", async () => {
    await emu.stop();
    emu = await start({ logs: { count: 0 }, maxBodyBytes: 1 << 20 });
    token = (await login(emu)).access_token;
    const dir = scratchDir("deps-big-");
    mkdirSync(join(dir, "node_modules/big"), { recursive: true });
    writeFileSync(join(dir, "node_modules/big/package.json"), '{"name":"big","version":"1.0.0"}');
    // 2 MiB of zeros: a few KB gzipped, twice what the emulator takes as a body.
    writeFileSync(join(dir, "node_modules/big/blob.bin"), Buffer.alloc(2 << 20));
    const tgz = new Uint8Array(execFileSync("tar", ["-czf", "-", "node_modules"], { cwd: dir }));
    expect(tgz.length).toBeLessThan(1 << 20);
    const answer = await upload("PUT", "/dependencies", tgz, "node_modules.tgz");
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 413,
      body: {
        error: `the gzip archive expands past the emulator's limit of ${1 << 20} bytes for a request body`,
        error_code: "RequestTooLarge",
      },
    });
    expect((await installed()).status).toBe(404);
  });
});

describe("control.failNextDependencyInstall", () => {
  const zip = (version: string) =>
    zipSync({ "node_modules/ms/package.json": strToU8(JSON.stringify({ name: "ms", version })) });
  const MESSAGE = "npm ERR! 404 'left-pad@9.9.9' is not in this registry";

  it("the next upload installs nothing: `created`, then `failed` with the message; one failure per call", async () => {
    expect((await upload("PUT", "/dependencies", zip("2.1.2"), "node_modules.zip")).status).toBe(
      204,
    );
    now += INSTALL_MS;
    emu.control.failNextDependencyInstall(MESSAGE);
    // Neither a diff nor a refused upload takes the failure: it is the next installation's.
    await upload("POST", "/dependencies/diff", zip("2.1.3"), "node_modules.zip");
    expect((await upload("PUT", "/dependencies", strToU8("[]"), "package.json")).status).toBe(400);

    expect((await upload("PUT", "/dependencies", zip("2.1.3"), "node_modules.zip")).status).toBe(
      204,
    );
    expect(await status()).toEqual({ status: "created", status_message: "processing request" });
    now += INSTALL_MS;
    expect(await status()).toEqual({ status: "failed", status_message: MESSAGE });
    // What was installed before stays installed.
    expect((await installed()).body.dependencies_list).toEqual([{ name: "ms", version: "2.1.2" }]);

    expect((await upload("PUT", "/dependencies", zip("2.1.3"), "node_modules.zip")).status).toBe(
      204,
    );
    now += INSTALL_MS;
    expect(await status()).toEqual({ status: "successful", status_message: "" });
    expect((await installed()).body.dependencies_list).toEqual([{ name: "ms", version: "2.1.3" }]);
  });

  it("with no message, a default one; a message that is not a string is refused at once", async () => {
    emu.control.failNextDependencyInstall();
    await upload("PUT", "/dependencies", zip("1.0.0"), "node_modules.zip");
    now += INSTALL_MS;
    expect(await status()).toEqual({
      status: "failed",
      status_message: "dependencies installation failed: injected by the emulator control",
    });
    expect((await installed()).status).toBe(404);
    expect(() => emu.control.failNextDependencyInstall(42 as never)).toThrow(
      "failNextDependencyInstall: message must be a string, got number",
    );
  });

  it("pushApp with a node_modules.tar.gz reports the server's message (PushAppError, DependenciesInstallError)", async () => {
    // pushApp waits on the real clock: an emulator of its own that installs and deploys at once.
    const own = await start({
      logs: { count: 0 },
      dependencyInstallMs: 0,
      deploymentTiming: { createdMs: 0, pendingMs: 0 },
    });
    try {
      const admin = createAdminClient({ baseUrl: own.url, credentials: own.credentials });
      const ids = { groupId: own.groupId, appId: own.appId };
      await admin.functions.createFunction({
        ...ids,
        body: { name: "hello", private: false, source: "exports = () => 1;\n" },
      });
      const dir = join(scratchDir("deps-push-"), "app");
      await pullApp(admin, { ...ids, dir });
      writeFileSync(join(dir, "functions/node_modules.tar.gz"), tar("--format=pax", "-cz"));
      own.control.failNextDependencyInstall(MESSAGE);
      const error = await pushApp(admin, { ...ids, dir, includeDependencies: "node-modules" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PushAppError);
      const cause = (error as PushAppError).cause;
      expect(cause).toBeInstanceOf(DependenciesInstallError);
      expect((cause as DependenciesInstallError).statusMessage).toBe(MESSAGE);
      expect((error as Error).message).toContain(MESSAGE);
      // The same archive, pushed again, installs: one failure per call.
      const pushed = await pushApp(admin, { ...ids, dir, includeDependencies: "node-modules" });
      expect(pushed.dependencies?.status).toBe("successful");
      const listed = await admin.dependencies.getAllDependencies(ids);
      expect(listed.dependencies_list?.map((d) => d.name)).toContain(LONG);
    } finally {
      await own.stop();
    }
  });
});
