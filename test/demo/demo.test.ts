import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

/** Runs `npm run demo`'s script as a child process, without npm's banner. */
async function demo(args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = { ...process.env, ...env };
  for (const name of [
    "APPSERVICES_PUBLIC_KEY",
    "APPSERVICES_PRIVATE_KEY",
    "APPSERVICES_GROUP_ID",
  ]) {
    if (!(name in env)) delete clean[name];
  }
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, "scripts/demo.ts", ...args], {
      cwd: root,
      env: clean,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run demo", () => {
  it("runs the whole flow against the embedded emulator and exits 0", async () => {
    const { code, stdout, stderr } = await demo([]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[2\] Log in with the API key pair\n {4}ok: user [0-9a-f]{24}/);
    expect(stdout).toMatch(/myapp-[a-z0-9]{5} -> [0-9a-f]{24}/);
    expect(stdout).toContain("value demo_greeting created in the draft");
    expect(stdout).toContain(
      "hosting: 4 uploaded (/assets/app.js, /assets/site.css, /index.html, /robots.txt)",
    );
    expect(stdout).toMatch(/logs: 300 entries over 3 pages/);
    expect(stdout).toMatch(/deployment pending\n {4}- deployment successful/);
    expect(stdout).toContain("after 1 refresh");
    expect(stdout).toContain("0 to upload, 4 unchanged");
    expect(stdout).toContain("draft diff: functions/config.json, functions/demo_scratch.js");
    expect(stdout).toContain("discarded; 0 functions in the app");
    expect(stdout).toMatch(
      /Pull the app's configuration into a folder .*\n.*\n {4}ok: \d+ files written/,
    );
    expect(stdout).toContain(
      "- changed function greet (functions/greet.js)\n    ok: 1 resource differs",
    );
    expect(stdout).toMatch(
      /config deployment successful\n {4}ok: deployment [0-9a-f]{24} successful; a fresh pull has the edit/,
    );
    expect(stdout).toMatch(/Summary \(12 steps/);
    expect(stdout).toMatch(/1 login, 1 refresh \(the session refreshed itself\)/);
  });

  it("--live without credentials says which variables are missing and exits 2", async () => {
    const { code, stdout, stderr } = await demo(["--live"], {});
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe(
      "error: --live needs APPSERVICES_PUBLIC_KEY, APPSERVICES_PRIVATE_KEY, APPSERVICES_GROUP_ID in the environment",
    );
  });
});
