/**
 * The CLI's commands and arguments as a careless or scripting user types them, against the
 * emulator: each case a defect found by probing, failing before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, runCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
});
afterAll(async () => {
  await emu.stop();
});

describe("api GET with --data", () => {
  it("is a usage error naming the flag, not an internal error, and reads no stdin", async () => {
    const run = await runCli(
      ["api", "GET", "/groups/{groupId}/apps/{appId}/values", "--data", "-"],
      emulatorEnv(emu),
      "{}",
    );
    expect(run.stderr).toMatch(/--data: GET sends no request body/);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stdout).toBe("");
  });
});
