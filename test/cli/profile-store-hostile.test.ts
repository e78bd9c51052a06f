/**
 * The profile file under unlucky conditions: two CLI processes saving at once, a symlinked file,
 * a file whose `profiles` is not a map, odd profile names, a lock left by a crashed process.
 */
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../packages/cli/exit-codes.js";
import { ProfileStore } from "../../packages/cli/profile-store.js";

const root = mkdtempSync(join(tmpdir(), "cli-profiles-hostile-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const fresh = () => join(root, String(++folders), "appservices-admin", "profiles.json");
const store = (file: string) =>
  new ProfileStore(file, () => {
    throw new Error("no warning expected");
  });

const storeModule = fileURLToPath(new URL("../../packages/cli/profile-store.ts", import.meta.url));

/** A process that saves `count` profiles named `<prefix><i>`, each once, one after another. */
function saver(file: string, prefix: string, count: number): Promise<void> {
  const script = `
    const { ProfileStore } = await import(${JSON.stringify(storeModule)});
    const store = new ProfileStore(${JSON.stringify(file)}, (m) => process.stderr.write(m));
    for (let i = 0; i < ${count}; i++) store.set(${JSON.stringify(prefix)} + i, { refreshToken: "r" + i });
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`saver ${prefix} exited ${code}: ${stderr}`)),
    );
  });
}

describe.skipIf(process.platform === "win32")("ProfileStore under unlucky conditions", () => {
  it("loses no profile when two processes save at once", async () => {
    const file = fresh();
    const count = 200;
    await Promise.all([saver(file, "a", count), saver(file, "b", count)]);
    const saved = Object.keys(JSON.parse(readFileSync(file, "utf8")).profiles as object);
    const expected = ["a", "b"].flatMap((p) => Array.from({ length: count }, (_, i) => p + i));
    expect(saved.sort()).toEqual(expected.sort());
    // The lock is gone with the saves.
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);

  it("takes over a lock left by a process that died holding it", () => {
    const file = fresh();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.lock`, "");
    const longAgo = new Date(Date.now() - 3_600_000);
    utimesSync(`${file}.lock`, longAgo, longAgo);
    store(file).set("default", { refreshToken: "r" });
    expect(store(file).get("default")).toEqual({ refreshToken: "r" });
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("writes through a symlinked profile file, keeping the link", () => {
    const file = fresh();
    const real = join(dirname(dirname(file)), "dotfiles", "profiles.json");
    mkdirSync(dirname(real), { recursive: true, mode: 0o700 });
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(real, '{"profiles": {"ci": {"refreshToken": "c"}}}\n', { mode: 0o600 });
    symlinkSync(real, file);
    store(file).set("default", { refreshToken: "r" });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, "utf8"))).toEqual({
      profiles: { ci: { refreshToken: "c" }, default: { refreshToken: "r" } },
    });
    expect(statSync(real).mode & 0o777).toBe(0o600);
  });

  it("refuses a file whose profiles are a list instead of saving into it and losing the login", () => {
    const file = fresh();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, '{"profiles": []}\n', { mode: 0o600 });
    expect(() => store(file).set("default", { refreshToken: "r" })).toThrow(UsageError);
    expect(readFileSync(file, "utf8")).toBe('{"profiles": []}\n');
  });

  it("saves and reads a profile named __proto__ or toString like any other", () => {
    const file = fresh();
    expect(store(file).get("toString")).toBeUndefined();
    expect(store(file).get("__proto__")).toBeUndefined();
    store(file).set("__proto__", { refreshToken: "p" });
    expect(store(file).get("__proto__")).toEqual({ refreshToken: "p" });
    expect(JSON.parse(readFileSync(file, "utf8")).profiles).toEqual(
      JSON.parse('{"__proto__": {"refreshToken": "p"}}'),
    );
  });

  it("narrows a profile folder others can write to 0700, with a warning naming it", () => {
    const file = fresh();
    mkdirSync(dirname(file), { recursive: true });
    chmodSync(dirname(file), 0o777);
    const warnings: string[] = [];
    new ProfileStore(file, (message) => warnings.push(message)).set("default", {
      refreshToken: "r",
    });
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(warnings).toEqual([
      `warning: ${dirname(file)} was writable by others (mode 777); narrowed to 700.\n`,
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
