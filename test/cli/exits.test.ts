/**
 * Exit codes a process shows when something other than the API goes wrong: a bug (a rejection
 * nobody handled, an exception nobody caught, an error a command throws) exits 70 with one line
 * and no secret, even with the key pair and the session's tokens in the error; a closed stdout
 * (`| head`) ends the process with 0 and nothing on stderr; `--version` exits 0; a code a
 * command's help names is the table's. Interruptions: interrupts.test.ts. A loopback gate in
 * front of the emulator (gate.ts) holds a request to keep a command at a known point, so the
 * tests wait for events, never for a timer.
 */
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { SDK_VERSION } from "../../packages/core/user-agent.js";
import { withGate, type Match } from "./gate.js";
import {
  emulatorEnv,
  expectNoSecretPrinted,
  howItEnded,
  runCli,
  runCliWith,
  startCli,
} from "./helpers.js";

let emu: RunningEmulator;
let work: string;
beforeAll(async () => {
  // Logs enough for several pages (100 each).
  emu = await startEmulator({ logs: { count: 250 } });
  work = mkdtempSync(join(tmpdir(), "cli-exits-"));
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

const isLogin: Match = (r) => r.path.endsWith("/auth/providers/mongodb-cloud/login");
const isValues: Match = (r) => r.method === "GET" && r.path.endsWith("/values");

describe("the codes commands name are the table's", () => {
  it("--version and -V print the version and exit 0", async () => {
    for (const flag of ["--version", "-V"]) {
      const result = await runCli([flag]);
      expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
        code: 0,
        stdout: `${SDK_VERSION}\n`,
        stderr: "",
      });
    }
  });

  it("deploy status --help names exit 7 for a failed deployment, as it exits", async () => {
    const help = await runCli(["deploy", "status", "--help"]);
    expect(help.stdout).toMatch(/or failed \(exit 7\)/);
    expect(EXIT.deployFailed).toBe(7);
  });
});

describe("a bug exits 70 with one line that holds no secret", () => {
  const bugOnSignal = pathToFileURL(join(import.meta.dirname, "fixtures", "bug-on-signal.mjs"));

  it.each([
    ["a rejection nobody handled", "reject", "unhandled rejection"],
    ["an exception nobody caught", "throw", "uncaught exception"],
  ])("%s, while a request is in flight", (_, kind, what) =>
    withGate(emu.url, async (gate) => {
      gate.hold(isValues);
      const messageFile = join(work, `bug-${kind}.txt`);
      const cli = startCli(
        ["api", "GET", "/groups/{groupId}/apps/{appId}/values"],
        emulatorEnv(emu, {
          APPSERVICES_BASE_URL: gate.url,
          NODE_OPTIONS: `--import=${bugOnSignal.href}`,
          BUG_MESSAGE_FILE: messageFile,
          BUG_KIND: kind,
        }),
      );
      const login = JSON.parse(await (await gate.arrival(isLogin)).answered) as {
        access_token: string;
        refresh_token: string;
      };
      await gate.arrival(isValues);
      // The bug's message holds every secret the session knows: none may be printed.
      const secrets = [
        emu.credentials.publicKey,
        emu.credentials.privateKey,
        login.access_token,
        login.refresh_token,
      ];
      writeFileSync(messageFile, `leaked ${secrets.join(" ")}`);
      cli.child.kill("SIGUSR2");
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: 70, signal: null });
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        new RegExp(
          `^appservices-admin: internal error: ${what}: Error: leaked .+ \\(a bug: run with --verbose for the stack and report it\\)\\n$`,
        ),
      );
      for (const secret of secrets) expect(result.stderr).not.toContain(secret);
    }),
  );

  it("an error a command throws (stdout fails): exit 70, one line; --verbose adds the stack", async () => {
    const env = emulatorEnv(emu);
    const key = emu.credentials.privateKey;
    for (const verbose of [false, true]) {
      const args = ["api", "GET", "/groups/{groupId}/apps/{appId}/values"];
      if (verbose) args.push("--verbose");
      const { code, stderr } = await runCliWith(args, env, {
        out: () => Promise.reject(new Error(`write EIO (${key})`)),
      });
      expect(code).toBe(70);
      expect(stderr).not.toContain(key);
      const failure = stderr.split("\n").filter((line) => !line.startsWith("debug: "));
      if (verbose) {
        expect(failure[0]).toMatch(/^appservices-admin: internal error: write EIO \(.+\)$/);
        expect(stderr).toMatch(/^\s+at /m);
      } else {
        expect(stderr).toMatch(
          /^appservices-admin: internal error: write EIO \(.+\) \(a bug: run with --verbose for the stack and report it\)\n$/,
        );
      }
    }
  });
});

describe("a closed stdout ends the process quietly", () => {
  it("logs | head: stdout closed between two pages, exit 0 and nothing on stderr", () =>
    withGate(emu.url, async (gate) => {
      // Pages after the first carry the cursor (`end_date`): the second is held until stdout
      // has been closed, so the command still has entries to write when it finds it closed.
      const isLaterPage: Match = (r) => r.path.endsWith("/logs") && r.query.has("end_date");
      gate.hold(isLaterPage);
      const cli = startCli(
        ["logs", "--json"],
        emulatorEnv(emu, { APPSERVICES_BASE_URL: gate.url }),
      );
      await cli.waitFor("\n");
      const second = await gate.arrival(isLaterPage);
      cli.child.stdout!.destroy();
      second.release();
      const result = await cli.done;
      expect(howItEnded(result)).toEqual({ code: 0, signal: null });
      expect(result.stderr).toBe("");
    }));
});
