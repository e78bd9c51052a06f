import { afterEach, describe, expect, it } from "vitest";
import type { AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminAbortError, AdminServerError } from "../../packages/core/errors.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { iterateLogs, logPages, type LogEntry } from "../../packages/logs/index.js";
import { fakeClock } from "../client/helpers/fake-clock.js";
import { collect, idsOf, logQueries, repeated, setup, timeOf } from "./helpers.js";

// iterateLogs against the emulator, whose seeded logs hold a run of 250 entries sharing one
// timestamp (from the 131st newest on), so pages 2 to 4 start inside the run with `skip`.
const SEEDED = 600;
const LOGS_PATH = "/groups/{groupId}/apps/{appId}/logs";
let emu: RunningEmulator;
let admin: AdminClient;
let app: { groupId: string; appId: string };

afterEach(() => emu.stop());

async function start(options: Parameters<typeof setup>[1] = {}) {
  ({ emu, admin, app } = await setup({ logs: { count: SEEDED, seed: 3 } }, options));
}

describe("iterateLogs", () => {
  it("yields every entry exactly once, newest first, across a run of one timestamp longer than a page", async () => {
    await start();
    const entries = await collect(iterateLogs(admin, app));
    expect(entries).toHaveLength(SEEDED);
    expect(repeated(entries)).toEqual([]);
    for (let i = 1; i < entries.length; i++)
      expect(timeOf(entries[i]!)).toBeLessThanOrEqual(timeOf(entries[i - 1]!));
    const runs = new Map<number, number>();
    for (const e of entries) runs.set(timeOf(e), (runs.get(timeOf(e)) ?? 0) + 1);
    expect(Math.max(...runs.values())).toBeGreaterThan(100);
    const queries = logQueries(emu);
    expect(queries).toHaveLength(SEEDED / 100);
    expect(queries.filter((q) => q.has("skip")).length).toBeGreaterThanOrEqual(2);
  });

  it("stops at maxEntries without asking for a page it does not need", async () => {
    await start();
    const all = await collect(iterateLogs(admin, app));
    for (const [cap, requests] of [
      [150, 2],
      [100, 1],
      [1, 1],
      [0, 0],
    ] as const) {
      emu.control.resetCounts();
      const capped = await collect(iterateLogs(admin, app, { maxEntries: cap }));
      expect(idsOf(capped)).toEqual(idsOf(all.slice(0, cap)));
      expect(logQueries(emu)).toHaveLength(requests);
      // The cap is ours: it never goes on the wire as the API's per-page `limit`.
      expect(logQueries(emu).some((q) => q.has("limit"))).toBe(false);
    }
    await expect(iterateLogs(admin, app, { maxEntries: -1 }).next()).rejects.toThrow(RangeError);
    await expect(iterateLogs(admin, app, { maxEntries: 1.5 }).next()).rejects.toThrow(RangeError);
  });

  it("throws AdminAbortError when aborted between pages, and sends nothing more", async () => {
    await start();
    const controller = new AbortController();
    const seen: LogEntry[] = [];
    const run = async () => {
      for await (const entry of iterateLogs(admin, app, { signal: controller.signal })) {
        seen.push(entry);
        if (seen.length === 150) controller.abort(new Error("enough"));
      }
    };
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AdminAbortError);
    expect(error).toMatchObject({ method: "GET", operationId: "adminGetLogs" });
    expect((error as AdminAbortError).path).toBe(`/groups/${app.groupId}/apps/${app.appId}/logs`);
    expect(seen).toHaveLength(150); // not even the rest of the page in hand
    expect(logQueries(emu)).toHaveLength(2);
  });

  it("throws AdminAbortError when aborted while a page is in flight", async () => {
    await start();
    const controller = new AbortController();
    const iterator = iterateLogs(admin, app, { signal: controller.signal });
    for (let i = 0; i < 100; i++) await iterator.next();
    emu.control.setLatency(5_000, { path: LOGS_PATH });
    const pending = iterator.next();
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toBeInstanceOf(AdminAbortError);
    emu.control.setLatency(0);
  });

  it("refreshes an expired token between pages: one refresh, no gap, no duplicate", async () => {
    await start();
    const entries: LogEntry[] = [];
    for await (const entry of iterateLogs(admin, app)) {
      entries.push(entry);
      if (entries.length === 100) expect(emu.control.expireAccessTokens()).toBe(1);
    }
    expect(entries).toHaveLength(SEEDED);
    expect(repeated(entries)).toEqual([]);
    expect(emu.control.counts()).toMatchObject({ logins: 1, refreshes: 1, byStatus: { 401: 1 } });
  });

  it("surfaces a server error mid-way as AdminServerError after the entries already yielded", async () => {
    await start();
    const entries: LogEntry[] = [];
    const run = async () => {
      for await (const entry of iterateLogs(admin, app)) {
        entries.push(entry);
        if (entries.length === 100) {
          emu.control.failNext({
            status: 500,
            body: { error: "internal failure", error_code: "InternalServerError" },
            path: LOGS_PATH,
          });
        }
      }
    };
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AdminServerError);
    expect(error).toMatchObject({
      status: 500,
      errorCode: "InternalServerError",
      message: "internal failure",
      operationId: "adminGetLogs",
    });
    expect(entries).toHaveLength(100);
  });

  it("continues without a gap when the runtime's retries absorb transient 503s", async () => {
    const { clock, sleeps } = fakeClock();
    await start({ clock });
    const entries: LogEntry[] = [];
    for await (const entry of iterateLogs(admin, app)) {
      entries.push(entry);
      if (entries.length === 300) emu.control.failNext({ status: 503, count: 2, path: LOGS_PATH });
    }
    expect(entries).toHaveLength(SEEDED);
    expect(repeated(entries)).toEqual([]);
    expect(sleeps).toHaveLength(2);
  });

  it("drops the entry a concurrent write makes the server repeat at a page boundary inside a run", async () => {
    await start();
    const all = await collect(iterateLogs(admin, app));
    // Page 2 ends inside the run, so page 3 is asked for with skip; an entry written at the run's
    // timestamp in between shifts that count by one.
    const written: string[] = [];
    const writeAtBoundary = (yielded: LogEntry[]) => {
      if (yielded.length !== 200) return;
      const [entry] = emu.control.appendLogs([{ started: String(yielded[199]!.started) }]);
      written.push(String(entry!._id));
    };

    const pages: LogEntry[] = [];
    for await (const page of logPages(admin, app)) {
      pages.push(...page.logs);
      writeAtBoundary(pages);
    }
    expect(repeated(pages)).toHaveLength(1); // what the server does: the guard below is needed

    const entries: LogEntry[] = [];
    for await (const entry of iterateLogs(admin, app)) {
      entries.push(entry);
      writeAtBoundary(entries);
    }
    expect(repeated(entries)).toEqual([]);
    // Everything there was when page 3 was asked for; the entry written then is missed (it took
    // the place `skip` counted), the one written during the first walk is there.
    expect(new Set(idsOf(entries))).toEqual(new Set([...idsOf(all), written[0]]));
  });
});
