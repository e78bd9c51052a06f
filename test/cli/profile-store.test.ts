/**
 * The profile file: where it lives, mode 0600 in a 0700 folder, written whole and atomically, a
 * mode others can read narrowed with a warning, a file that is not ours refused with advice.
 */
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../packages/cli/exit-codes.js";
import { ProfileStore, profilesPath } from "../../packages/cli/profile-store.js";

const root = mkdtempSync(join(tmpdir(), "cli-profiles-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

describe("profilesPath", () => {
  it("is under $XDG_CONFIG_HOME, else ~/.config", () => {
    expect(profilesPath({ XDG_CONFIG_HOME: "/x/config", HOME: "/home/u" })).toBe(
      "/x/config/appservices-admin/profiles.json",
    );
    expect(profilesPath({ HOME: "/home/u" })).toBe(
      "/home/u/.config/appservices-admin/profiles.json",
    );
  });
});

describe.skipIf(process.platform === "win32")("ProfileStore (POSIX modes)", () => {
  const file = join(root, "a", "appservices-admin", "profiles.json");
  const warnings: string[] = [];
  const store = new ProfileStore(file, (message) => warnings.push(message));

  it("creates the file 0600 in a 0700 folder, and keeps other profiles when one changes", () => {
    expect(store.get("default")).toBeUndefined();
    store.set("default", { refreshToken: "r1", accessToken: "a1" });
    store.set("ci", { refreshToken: "r2" });
    expect(mode(file)).toBe(0o600);
    expect(mode(dirname(file))).toBe(0o700);
    store.set("default", { refreshToken: "r1", accessToken: "a2" });
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      profiles: { default: { refreshToken: "r1", accessToken: "a2" }, ci: { refreshToken: "r2" } },
    });
    expect(readdirSync(dirname(file))).toEqual(["profiles.json"]);
    store.set("ci", undefined);
    expect(store.get("ci")).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("narrows a file group or others can read to 0600, with a warning naming it", () => {
    chmodSync(file, 0o640);
    expect(store.get("default")?.accessToken).toBe("a2");
    expect(mode(file)).toBe(0o600);
    expect(warnings).toEqual([
      `warning: ${file} was readable by others (mode 640); narrowed to 600. Log out and in again if others may have read its tokens.\n`,
    ]);
  });

  it("refuses a file that is not a profile file, saying what to do", () => {
    writeFileSync(file, "[1, 2]", { mode: 0o600 });
    expect(() => store.get("default")).toThrow(UsageError);
    expect(() => store.get("default")).toThrow(`${file} is not a profile file`);
    expect(() => store.set("default", {})).toThrow(UsageError);
    expect(readFileSync(file, "utf8")).toBe("[1, 2]");
  });
});
