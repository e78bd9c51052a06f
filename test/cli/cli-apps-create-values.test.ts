/**
 * `apps create -l -d -e` take the official CLI's values in any case, as it does (it upper-cases a
 * location and a deployment model, lower-cases an environment), and send them as the API writes
 * them; a value the API does not know is refused before anything is sent (exit 2, naming the
 * values it takes), where it was sent and refused by the API (exit 5) or, for -d, refused for
 * its case.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 }, checkResponses: true });
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
});

describe("apps create -l -d -e", () => {
  it("take the official CLI's values in any case, sent as the API writes them", async () => {
    const run = await runCli(
      ["apps", "create", "-n", "cased", "-l", "us-va", "-d", "local", "-e", "Production", "--json"],
      emulatorEnv(emu),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      name: "cased",
      location: "US-VA",
      deployment_model: "LOCAL",
      environment: "production",
    });
  });

  it.each([
    ["-l", "US-WEST", "US-VA, US-OR, DE-FF, IE, AU, IN-MB, SG, BR-SP"],
    ["-d", "regional", "GLOBAL, LOCAL"],
    ["-e", "staging", "development, testing, qa, production"],
  ])(
    "%s %s is refused before anything is sent (exit 2), naming the values",
    async (flag, value, values) => {
      emu.control.resetCounts();
      const run = await runCli(["apps", "create", "-n", "refused", flag, value], emulatorEnv(emu));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`argument '${value}' is invalid. Use one of ${values}.`);
      expect(emu.control.counts().total).toBe(0);
    },
  );
});
