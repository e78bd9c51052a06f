/**
 * `appservices-admin logs` as a child process (the source through tsx) against the emulator:
 * JSON lines, filters and limits checked against the SDK's own iteration of the same query, the
 * human format, and `--follow` ended by SIGINT.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/index.js";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { iterateLogs, type LogEntry, type LogQuery } from "../../packages/logs/index.js";
import { emulatorEnv, runCli, startCli } from "./helpers.js";

let emu: RunningEmulator;
let admin: AdminClient;
beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 400 } });
  admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials });
});
afterAll(() => emu.stop());

type Line = LogEntry & {
  _id: string;
  type: string;
  started: string;
  user_id?: string;
  error?: string;
};

async function jsonLines(args: string[]): Promise<Line[]> {
  const result = await runCli(["logs", "--json", ...args], emulatorEnv(emu));
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout === ""
    ? []
    : result.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as Line);
}

async function sdkIds(query: Omit<LogQuery, "groupId" | "appId">): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of iterateLogs(admin, {
    groupId: emu.groupId,
    appId: emu.appId,
    ...query,
  }))
    ids.push(entry._id!);
  return ids;
}

describe("appservices-admin logs", () => {
  it("prints every entry once as JSON lines, newest first", async () => {
    const lines = await jsonLines([]);
    expect(lines).toHaveLength(400);
    expect(new Set(lines.map((l) => l._id)).size).toBe(400);
    const times = lines.map((l) => Date.parse(l.started));
    expect(times.every((t, i) => i === 0 || t <= times[i - 1]!)).toBe(true);
    expect(lines.map((l) => l._id)).toEqual(await sdkIds({}));
  });

  it("filters by type, errors and user, as the SDK query does", async () => {
    const all = await jsonLines([]);
    const user = all.find((l) => l.user_id && l.type === "FUNCTION")!.user_id!;
    const typed = await jsonLines(["--type", "function,AUTH", "--errors-only"]);
    expect(typed.length).toBeGreaterThan(0);
    expect(
      typed.every((l) => ["FUNCTION", "AUTH"].includes(l.type) && typeof l.error === "string"),
    ).toBe(true);
    expect(typed.map((l) => l._id)).toEqual(
      await sdkIds({ type: ["FUNCTION", "AUTH"], errors_only: true }),
    );
    const mine = await jsonLines(["--user", user]);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((l) => l.user_id === user)).toBe(true);
    expect(mine.map((l) => l._id)).toEqual(await sdkIds({ user_id: user }));
  });

  it("keeps to --start (exclusive) and --end (inclusive), and stops at --limit", async () => {
    const all = await jsonLines([]);
    // The window spans the seeded run of 250 equal timestamps, so it pages inside that run.
    const end = all[10]!.started;
    const start = all[390]!.started;
    const inWindow = (l: Line) =>
      Date.parse(l.started) > Date.parse(start) && Date.parse(l.started) <= Date.parse(end);
    const window = await jsonLines(["--start", start, "--end", end]);
    expect(window.length).toBeGreaterThan(250);
    expect(window).toEqual(all.filter(inWindow));
    expect(window.map((l) => l._id)).toEqual(await sdkIds({ start_date: start, end_date: end }));
    expect(await jsonLines(["--limit", "7"])).toEqual(all.slice(0, 7));
  });

  it("prints each entry as the official CLI does: run time, status, then its console output", async () => {
    const result = await runCli(["logs", "--limit", "5", "--type", "function"], emulatorEnv(emu));
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    const heads = lines.filter((line) => !line.startsWith("    "));
    expect(heads).toHaveLength(5);
    for (const line of heads) {
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT[\d:.]+Z\s+\[\d+ms\]\s+FUNCTION\s+\S+\s+(OK|error: .+)$/,
      );
    }
    const entries = (await jsonLines(["--limit", "5", "--type", "FUNCTION"])) as (Line & {
      messages?: string[];
    })[];
    const messages = entries.flatMap((e) => e.messages ?? []);
    expect(messages.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith("    "))).toEqual(
      messages.map((m) => `    ${m}`),
    );
  });

  it("--follow prints new entries as they arrive and ends with 0 on SIGINT", async () => {
    const follower = startCli(
      ["logs", "--follow", "--json", "--interval", "1", "--type", "FUNCTION"],
      emulatorEnv(emu),
    );
    // Entries must come after the tail's starting point, the newest entry when its first request
    // is answered. A request is recorded when it arrives, so wait for the second one: it is only
    // sent once the first has been answered.
    const polls = () => emu.control.requests().filter((r) => r.path.endsWith("/logs")).length;
    const before = polls();
    while (polls() < before + 2) await new Promise((resolve) => setTimeout(resolve, 50));
    const appended = emu.control.appendLogs([
      { type: "FUNCTION" },
      { type: "AUTH" },
      { type: "FUNCTION" },
    ]);
    const wanted = appended.filter((e) => e["type"] === "FUNCTION").map((e) => e["_id"] as string);
    await follower.waitFor(wanted[1]!);
    follower.child.kill("SIGINT");
    const result = await follower.done;
    expect(result.stderr).toBe("");
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
    expect(
      result.stdout
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as Line)._id),
    ).toEqual(wanted);
  });

  it("refuses --follow with --end, and a date it cannot read, with exit 2 and one line", async () => {
    for (const args of [
      ["--follow", "--end", "1h"],
      ["--start", "yesterday"],
      ["--limit", "0"],
      ["--type", "function,fnuction"],
    ]) {
      const result = await runCli(["logs", ...args], emulatorEnv(emu));
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^appservices-admin: --(follow|start|limit|type)[ :].* \(see --help\)\n$/,
      );
    }
  });
});
