/**
 * The official CLI's global output flags against the emulator: `-f, --output-format json` is
 * `--json` (any other format exit 2, naming json); `-o, --output-target FILE` puts exactly what
 * stdout would hold in FILE, mode 0600, and only once the command succeeded: a failed command
 * leaves FILE as it was and no temporary file behind. `logs -f` stays `--follow`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  dir = mkdtempSync(join(tmpdir(), "cli-output-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
});

describe("-f, --output-format", () => {
  it("-f json prints what --json prints", async () => {
    const json = await runCli(["values", "list", "--json"], emulatorEnv(emu));
    for (const flags of [["-f", "json"], ["--output-format", "json"], ["--output-format=json"]]) {
      const run = await runCli(["values", "list", ...flags], emulatorEnv(emu));
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(json.stdout);
      expect(JSON.parse(run.stdout)).toEqual([]);
    }
  });

  it("another format is a usage error naming json, before anything is sent", async () => {
    const run = await runCli(["values", "list", "-f", "yaml"], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--output-format takes json, or "" for text (the default), got "yaml"',
    );
    expect(run.stdout).toBe("");
  });

  it("logs -f stays --follow; logs takes --output-format by its long name", async () => {
    const help = await runCli(["logs", "--help"]);
    expect(help.stdout).toMatch(/-f, --follow/);
    expect(help.stdout).toMatch(/^\s+--output-format <format>/m);
    expect(help.stdout).toMatch(/-o, --output-target <file>/);
    const run = await runCli(["logs", "--output-format", "json", "--limit", "1"], emulatorEnv(emu));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("the official CLI's logs list -f json is explained: -f is --follow here (exit 2)", async () => {
    for (const args of [
      ["logs", "list", "-f", "json"],
      ["logs", "-f", "json"],
    ]) {
      const run = await runCli(args, emulatorEnv(emu));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        "logs -f is --follow here (the official CLI's --tail); for JSON give --json or --output-format json",
      );
    }
    const extra = await runCli(["logs", "list", "more"], emulatorEnv(emu));
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('logs takes no argument but "list" or "ls", got "more"');
  });

  it("a command without --json has neither flag", async () => {
    const run = await runCli(["drift", "-o", join(dir, "never.txt"), "a.yaml", "b.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '-o'/i);
  });
});

describe("-o, --output-target", () => {
  it("writes standard output to the file, mode 0600, and nothing to stdout", async () => {
    const expected = (await runCli(["values", "list", "--json"], emulatorEnv(emu))).stdout;
    const file = join(dir, "values.json");
    const run = await runCli(["values", "list", "-f", "json", "-o", file], emulatorEnv(emu));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toBe(expected);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("replaces a file that exists, whole (the official CLI appends)", async () => {
    const file = join(dir, "replaced.txt");
    writeFileSync(file, "old content that is longer than the new one\n".repeat(50));
    const run = await runCli(["whoami", "--output-target", file], emulatorEnv(emu));
    expect(run.code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/^acting as \*{4}\w{4} \(key pair\)\n/);
    expect(readFileSync(file, "utf8")).not.toContain("old content");
  });

  it("a failed command leaves the file as it was, and no temporary file", async () => {
    const file = join(dir, "kept.txt");
    writeFileSync(file, "before\n");
    const run = await runCli(
      ["values", "list", "-o", file],
      emulatorEnv(emu, { APPSERVICES_APP_ID: "no-such-app" }),
    );
    expect(run.code).toBe(2);
    expect(readFileSync(file, "utf8")).toBe("before\n");
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("a folder that does not exist is a usage error before anything is sent", async () => {
    const file = join(dir, "missing", "out.json");
    const run = await runCli(["values", "list", "-o", file], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--output-target ${file}: cannot write there (ENOENT)`);
  });
});
