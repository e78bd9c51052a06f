/**
 * What the official CLI does that ours did not, against the emulator: `whoami --show-projects`
 * lists the projects; `push -x -c` says what `-c` would do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
});

describe("whoami --show-projects", () => {
  it("lists the projects the key's roles reach, after who", async () => {
    const run = await runCli(["whoami", "--show-projects"], emulatorEnv(emu));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^acting as /);
    expect(run.stdout.endsWith(`projects available (1)\n  ${emu.groupId}\n`)).toBe(true);
  });

  it("--json gains projects only when asked", async () => {
    const plain = JSON.parse((await runCli(["whoami", "--json"], emulatorEnv(emu))).stdout);
    expect(plain).not.toHaveProperty("projects");
    const run = await runCli(["whoami", "--show-projects", "--json"], emulatorEnv(emu));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ...plain, projects: [emu.groupId] });
  });
});
