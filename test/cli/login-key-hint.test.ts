/**
 * A refused key pair (401 at login) says what to check in the flags the command was given: after
 * `login --private-key-stdin` the private key came from standard input, not from `--private-key`;
 * after the official CLI's `--api-key` / `--private-api-key`, those names.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { expectNoSecretPrinted, minimalEnv, runCli } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.privateKey, WRONG]);
  await emu.stop();
});

const WRONG = "0b7f3c1e-wrong-private-key-4e8a";
const env = () => ({ ...minimalEnv(), APPSERVICES_BASE_URL: emu.url });
const refused = (check: string) =>
  "appservices-admin: POST /auth/providers/mongodb-cloud/login failed: 401: " +
  `failed to authenticate with MongoDB Cloud API: (the key pair was refused: check ${check})\n`;

describe("login with a wrong private key: the 401's hint names where the key came from", () => {
  it("--private-key-stdin: standard input, not --private-key", async () => {
    const run = await runCli(
      ["login", "--public-key", emu.credentials.publicKey, "--private-key-stdin"],
      env(),
      `${WRONG}\n`,
    );
    expect(run.code).toBe(4);
    expect(run.stderr.replace(/API: .*\(the key/, "API: (the key")).toBe(
      refused(
        "--public-key (else $APPSERVICES_PUBLIC_KEY) and the private key read from standard input (--private-key-stdin)",
      ),
    );
  });

  it("the official CLI's --api-key and --private-api-key: those names", async () => {
    const run = await runCli(
      ["login", "--api-key", emu.credentials.publicKey, "--private-api-key", WRONG],
      env(),
    );
    expect(run.code).toBe(4);
    expect(run.stderr.replace(/API: .*\(the key/, "API: (the key")).toBe(
      refused(
        "--api-key and --private-api-key, else $APPSERVICES_PUBLIC_KEY and $APPSERVICES_PRIVATE_KEY",
      ),
    );
  });

  it("--private-key: as before", async () => {
    const run = await runCli(
      ["login", "--public-key", emu.credentials.publicKey, "--private-key", WRONG],
      env(),
    );
    expect(run.code).toBe(4);
    expect(run.stderr.replace(/API: .*\(the key/, "API: (the key")).toBe(
      refused(
        "--public-key and --private-key, else $APPSERVICES_PUBLIC_KEY and $APPSERVICES_PRIVATE_KEY",
      ),
    );
  });
});
