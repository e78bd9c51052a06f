/**
 * `appservices-admin api <METHOD> <path>` through the real bin against the emulator: the path
 * checked against the spec's operations (a close miss suggested), `{groupId}`/`{appId}` filled
 * from the settings, `--data` inline, from a file or stdin, the API's errors with their exit
 * codes, binary answers only with `--output`, and known secrets redacted from what is printed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
let work: string;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
  work = mkdtempSync(join(tmpdir(), "cli-api-"));
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey]);
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
});

const VALUES = "/groups/{groupId}/apps/{appId}/values";

describe("appservices-admin api", () => {
  it("POST with --data (inline, @file, stdin), then GET prints the JSON answer", async () => {
    const inline = await runCli(
      ["api", "post", VALUES, "--data", '{"name":"a","value":1,"private":false}', "--json"],
      emulatorEnv(emu),
    );
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.stdout)).toMatchObject({ name: "a", value: 1 });
    const file = join(work, "b.json");
    writeFileSync(file, '{"name":"b","value":[2],"private":true}');
    expect(
      (await runCli(["api", "POST", VALUES, "--data", `@${file}`], emulatorEnv(emu))).code,
    ).toBe(0);
    const stdin = await runCli(
      ["api", "POST", VALUES, "--data", "-"],
      emulatorEnv(emu),
      '{"name":"c","value":"x","private":false}',
    );
    expect(stdin.code).toBe(0);

    const listed = await runCli(["api", "GET", VALUES], emulatorEnv(emu));
    expect(listed.code).toBe(0);
    const values = await admin.values.listValues({ groupId: emu.groupId, appId: emu.appId });
    expect(values.map((v) => v.name)).toEqual(["a", "b", "c"]);
    expect(listed.stdout).toBe(`${JSON.stringify(values, null, 2)}\n`);
  });

  it("a concrete path works too; an undeclared query parameter is sent with a warning", async () => {
    const result = await runCli(
      [
        "api",
        "GET",
        `/groups/${emu.groupId}/apps/${emu.appId}/users?desc=true&flavour=mint`,
        "--json",
      ],
      emulatorEnv(emu),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toBe(
      'warning: the spec declares no query parameter "flavour" here; sending it anyway\n',
    );
    const sent = emu.control
      .requests()
      .filter((r) => r.path.endsWith("/users"))
      .at(-1)!;
    expect(sent.query).toBe("desc=true&flavour=mint");
  });

  it("an unknown path: exit 2 with the closest known one, and nothing sent", async () => {
    const before = emu.control.counts().total;
    const result = await runCli(
      ["api", "GET", "/groups/{groupId}/apps/{appId}/valeus"],
      emulatorEnv(emu),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "appservices-admin: no known operation GET /groups/{groupId}/apps/{appId}/valeus; " +
        `did you mean GET ${VALUES}? (appservices-admin api --list shows them all) (see --help)\n`,
    );
    expect(emu.control.counts().total).toBe(before);
  });

  it("the API's refusal keeps its exit code: 404 -> 5", async () => {
    const result = await runCli(
      ["api", "GET", `${VALUES}/0123456789abcdef01234567`],
      emulatorEnv(emu),
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /^appservices-admin: GET \/groups\/\w+\/apps\/\w+\/values\/0123456789abcdef01234567 failed: 404/,
    );
  });

  it("redacts the key pair from what the answer echoes (the admin profile names the public key)", async () => {
    const result = await runCli(["api", "GET", "/auth/profile", "--json"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    const profile = JSON.parse(result.stdout) as { data: { name: string } };
    expect(profile.data.name).toBe("[REDACTED]");
  });

  it("a zip answer needs --output, which writes it whole", async () => {
    const EXPORT = "/groups/{groupId}/apps/{appId}/export";
    const refused = await runCli(["api", "GET", EXPORT], emulatorEnv(emu));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /the answer is application\/zip \(\d+ bytes\): save it with --output <file>/,
    );
    const file = join(work, "app.zip");
    const saved = await runCli(["api", "GET", EXPORT, "--output", file], emulatorEnv(emu));
    expect(saved.code).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    expect(saved.stderr).toMatch(/^wrote \d+ bytes to /);
  });
});
