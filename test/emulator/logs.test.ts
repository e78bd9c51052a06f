import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { loadOperationSchemas } from "../../packages/emulator/operation-schemas.js";
import { registryFor } from "../../packages/emulator/schema-registry.js";
import { appPath, call, login, start } from "./helpers.js";

const SEEDED = 700;
let emu: RunningEmulator;
let token: string;

interface Page {
  logs: { _id: string; started: string; type: string; error?: string }[];
  nextEndDate?: string;
  nextSkip?: number;
}

async function page(query: string): Promise<Page> {
  const answer = await call(emu, "GET", appPath(emu, `/logs${query ? `?${query}` : ""}`), {
    token,
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

/** Follows nextEndDate/nextSkip like a client should, checking the paging rules on every page. */
async function pageAll(
  filters: Record<string, string> = {},
): Promise<{ entries: Page["logs"]; pages: Page[] }> {
  const entries: Page["logs"] = [];
  const pages: Page[] = [];
  let cursor: Record<string, string> = {};
  for (;;) {
    const p = await page(new URLSearchParams({ ...filters, ...cursor }).toString());
    pages.push(p);
    entries.push(...p.logs);
    if (p.nextEndDate === undefined) {
      expect(p).not.toHaveProperty("nextSkip");
      return { entries, pages };
    }
    const last = Date.parse(p.logs[p.logs.length - 1]!.started);
    if (last === Date.parse(p.nextEndDate)) {
      // nextSkip: how many entries of that timestamp were already returned.
      const seen = entries.filter((e) => Date.parse(e.started) === last).length;
      expect(p.nextSkip).toBe(seen);
    } else {
      expect(p).not.toHaveProperty("nextSkip");
    }
    cursor = {
      end_date: p.nextEndDate,
      ...(p.nextSkip !== undefined ? { skip: String(p.nextSkip) } : {}),
    };
  }
}

beforeAll(async () => {
  emu = await start({ logs: { count: SEEDED, seed: 7 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

describe("logs (DESIGN §4 Logs)", () => {
  it("pages newest first, 100 per page, through every entry exactly once across a run longer than a page", async () => {
    const { entries, pages } = await pageAll();
    expect(entries).toHaveLength(SEEDED);
    expect(new Set(entries.map((e) => e._id)).size).toBe(SEEDED);
    const times = entries.map((e) => Date.parse(e.started));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);
    expect(pages.slice(0, -1).every((p) => p.logs.length === 100)).toBe(true);
    const runs = new Map<number, number>();
    for (const t of times) runs.set(t, (runs.get(t) ?? 0) + 1);
    expect(Math.max(...runs.values())).toBeGreaterThan(100);
    expect(pages.filter((p) => p.nextSkip !== undefined).length).toBeGreaterThanOrEqual(2);
  });

  it("gives nextEndDate as the timestamp of the next page's first entry", async () => {
    const first = await page("");
    const second = await page(
      `end_date=${encodeURIComponent(first.nextEndDate!)}${first.nextSkip ? `&skip=${first.nextSkip}` : ""}`,
    );
    expect(Date.parse(second.logs[0]!.started)).toBe(Date.parse(first.nextEndDate!));
  });

  it("omits nextEndDate and nextSkip on the last page", async () => {
    const last = await page(`limit=100&skip=${SEEDED - 10}`);
    expect(last.logs).toHaveLength(10);
    expect(last).not.toHaveProperty("nextEndDate");
    expect(last).not.toHaveProperty("nextSkip");
  });

  it("prints timestamps in UTC with trailing zeros trimmed, so some are shorter than milliseconds", async () => {
    const { entries } = await pageAll();
    for (const e of entries)
      expect(e.started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,2}[1-9])?Z$/);
    expect(entries.some((e) => /\.\d{1,2}Z$/.test(e.started))).toBe(true);
  });

  it("treats end_date as inclusive and start_date as exclusive", async () => {
    const { entries } = await pageAll();
    const pivot = entries[250]!.started;
    const until = await page(`end_date=${encodeURIComponent(pivot)}`);
    expect(until.logs[0]!.started).toBe(pivot);
    const after = await pageAll({ start_date: pivot });
    expect(after.entries.every((e) => Date.parse(e.started) > Date.parse(pivot))).toBe(true);
    expect(after.entries.length).toBe(
      entries.filter((e) => Date.parse(e.started) > Date.parse(pivot)).length,
    );
  });

  it("skips entries with skip and honours limit up to 100", async () => {
    const full = await page("limit=20");
    const skipped = await page("limit=10&skip=5");
    expect(skipped.logs.map((e) => e._id)).toEqual(full.logs.slice(5, 15).map((e) => e._id));
    const answer = await call(emu, "GET", appPath(emu, "/logs?limit=101"), { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain("limit");
    expect(answer.body.error_code).toBe("InvalidParameter");
  });

  it("filters by a comma-separated list of types", async () => {
    const both = await pageAll({ type: "FUNCTION,AUTH" });
    const fn = await pageAll({ type: "FUNCTION" });
    const auth = await pageAll({ type: "AUTH" });
    expect(new Set(both.entries.map((e) => e.type))).toEqual(new Set(["FUNCTION", "AUTH"]));
    expect(both.entries.length).toBe(fn.entries.length + auth.entries.length);
    // The long run alternates FUNCTION and AUTH, so one type alone still spans more than a page.
    expect(fn.pages.some((p) => p.nextSkip !== undefined)).toBe(true);
    const bad = await call(emu, "GET", appPath(emu, "/logs?type=FUNCTION,NOPE"), { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("NOPE");
  });

  it("filters errors by the mere presence of errors_only, even errors_only=false", async () => {
    const all = await pageAll();
    const errors = all.entries.filter((e) => e.error);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(all.entries.length);
    for (const value of ["true", "false", ""]) {
      const only = await pageAll({ errors_only: value });
      expect(only.entries.map((e) => e._id)).toEqual(errors.map((e) => e._id));
    }
  });

  it("rejects dates that are not RFC 3339, naming the parameter", async () => {
    const answer = await call(emu, "GET", appPath(emu, "/logs?start_date=yesterday"), { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain("start_date");
  });

  it("answers pages that validate against the repaired spec's logs response (AppLog)", async () => {
    const doc = loadOperationSchemas();
    expect(doc, "generated/operation-schemas.json").toBeDefined();
    const schema = doc!.operations.adminGetLogs!.responses!["200"]!.schema!;
    const check = registryFor(doc!).check("adminGetLogs:200", schema);
    const { pages } = await pageAll();
    for (const p of pages) expect(check(p)).toBeUndefined();
    const types = new Set(pages.flatMap((p) => p.logs.map((e) => e.type)));
    expect(types.size).toBeGreaterThanOrEqual(6);
  });

  it("shapes entries like the spec's log schemas", async () => {
    const { logs } = await page("limit=50");
    expect(logs).toHaveLength(50);
    for (const e of logs as Record<string, unknown>[]) {
      for (const field of [
        "_id",
        "co_id",
        "type",
        "domain_id",
        "app_id",
        "group_id",
        "request_url",
        "request_method",
        "started",
        "completed",
      ]) {
        expect(e).toHaveProperty(field);
      }
      expect(e.app_id).toBe(emu.appId);
      expect(e.group_id).toBe(emu.groupId);
    }
  });

  it("shows appended entries first, and new entries do not disturb a window ending in the past", async () => {
    const before = await page("limit=5");
    const later = new Date(Date.parse(before.logs[0]!.started) + 1000).toISOString();
    const [added] = emu.control.appendLogs([
      { type: "ENDPOINT", started: later, error: "boom", error_code: "FunctionExecutionError" },
    ]);
    const after = await page("limit=5");
    expect(after.logs[0]!._id).toBe(added!._id);
    const errors = await page("errors_only=true&limit=1");
    expect(errors.logs[0]!._id).toBe(added!._id);
    const windowed = await page(`limit=5&end_date=${encodeURIComponent(before.logs[0]!.started)}`);
    expect(windowed.logs.map((e) => e._id)).toEqual(before.logs.map((e) => e._id));
  });
});
