import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminError } from "../../packages/core/errors.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { iterateLogs, logPages, type LogEntry, type LogPage } from "../../packages/logs/index.js";
import { collect, idsOf, liveSession, logQueries, setup, timeOf } from "./helpers.js";

// logPages against the emulator: what goes on the wire, page after page (DESIGN §4 Logs).
const SEEDED = 3000;
let emu: RunningEmulator;
let admin: AdminClient;
let app: { groupId: string; appId: string };
let all: LogEntry[];

beforeAll(async () => {
  ({ emu, admin, app } = await setup({ logs: { count: SEEDED, seed: 11 } }));
  all = await collect(iterateLogs(admin, app));
});
afterAll(() => emu.stop());
beforeEach(() => emu.control.resetCounts());

/** Checks that request i+1 carries page i's nextEndDate and nextSkip exactly, and nothing else moved. */
function expectCursorFollowed(pages: LogPage[], queries: URLSearchParams[]) {
  expect(queries).toHaveLength(pages.length);
  for (let i = 1; i < pages.length; i++) {
    const previous = pages[i - 1]!;
    expect(queries[i]!.get("end_date")).toBe(previous.nextEndDate);
    expect(queries[i]!.get("skip")).toBe(
      previous.nextSkip === undefined ? null : String(previous.nextSkip),
    );
  }
  expect(pages.at(-1)).not.toHaveProperty("nextEndDate");
  expect(pages.at(-1)).not.toHaveProperty("nextSkip");
}

describe("logPages", () => {
  it("keeps every filter on every page and follows nextEndDate/nextSkip exactly", async () => {
    const start = new Date(timeOf(all[2800]!));
    const end = all[20]!.started!;
    const pages = await collect(
      logPages(admin, {
        ...app,
        type: ["FUNCTION", "AUTH"],
        start_date: start,
        end_date: end,
        errors_only: true,
      }),
    );
    const queries = logQueries(emu);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const query of queries) {
      expect(query.get("type")).toBe("FUNCTION,AUTH");
      expect(query.get("start_date")).toBe(start.toISOString());
      expect(query.get("errors_only")).toBe("true");
    }
    // The caller's end_date on the first page, the server's cursor after that.
    expect(queries[0]!.get("end_date")).toBe(end);
    expect(queries[0]!.has("skip")).toBe(false);
    expectCursorFollowed(pages, queries);

    const expected = all.filter(
      (e) =>
        (e.type === "FUNCTION" || e.type === "AUTH") &&
        typeof e.error === "string" &&
        timeOf(e) > start.getTime() &&
        timeOf(e) <= Date.parse(end),
    );
    expect(expected.length).toBeGreaterThan(100);
    expect(idsOf(pages.flatMap((p) => p.logs))).toEqual(idsOf(expected));
  });

  it("passes user_id and co_id on every page", async () => {
    const userOf = (e: LogEntry) => (e as { user_id?: string }).user_id;
    const userId = all.map(userOf).find((id) => id !== undefined)!;
    const pages = await collect(logPages(admin, { ...app, user_id: userId, limit: 20 }));
    const queries = logQueries(emu);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(queries.every((q) => q.get("user_id") === userId && q.get("limit") === "20")).toBe(true);
    expectCursorFollowed(pages, queries);
    const expected = all.filter((e) => userOf(e) === userId);
    expect(idsOf(pages.flatMap((p) => p.logs))).toEqual(idsOf(expected));

    emu.control.resetCounts();
    const target = all[1234]!;
    const byCo = await collect(logPages(admin, { ...app, co_id: target.co_id! }));
    expect(idsOf(byCo.flatMap((p) => p.logs))).toEqual([target._id]);
    expect(logQueries(emu).map((q) => q.get("co_id"))).toEqual([target.co_id]);
  });

  it("sends errors_only only when true (the server filters by presence)", async () => {
    for (const errors_only of [false, undefined]) {
      emu.control.resetCounts();
      const first = await logPages(admin, { ...app, errors_only }).next();
      expect(first.value!.logs).toHaveLength(100);
      expect(logQueries(emu)[0]!.has("errors_only")).toBe(false);
    }
  });

  it("sends one type as itself and Dates as UTC ISO strings", async () => {
    const end = new Date(timeOf(all[500]!));
    const first = await logPages(admin, { ...app, type: "GRAPHQL", end_date: end }).next();
    const query = logQueries(emu)[0]!;
    expect(query.get("type")).toBe("GRAPHQL");
    expect(query.get("end_date")).toBe(end.toISOString());
    expect(first.value!.logs.every((e) => e.type === "GRAPHQL" && timeOf(e) <= end.getTime())).toBe(
      true,
    );
  });

  it("gives one page, without cursor fields, when everything fits", async () => {
    // start_date is exclusive: start at an entry whose newer neighbour has a later timestamp.
    let cut = 40;
    while (timeOf(all[cut - 1]!) === timeOf(all[cut]!)) cut++;
    const pages = await collect(logPages(admin, { ...app, start_date: all[cut]!.started! }));
    expect(pages).toHaveLength(1);
    expect(Object.keys(pages[0]!)).toEqual(["logs"]);
    expect(idsOf(pages[0]!.logs)).toEqual(idsOf(all.slice(0, cut)));
    expect(logQueries(emu)).toHaveLength(1);
  });

  it("gives one empty page for an empty result", async () => {
    const pages = await collect(
      logPages(admin, { ...app, start_date: new Date(timeOf(all[0]!) + 1000) }),
    );
    expect(pages).toEqual([{ logs: [] }]);
    expect(logQueries(emu)).toHaveLength(1);
  });

  it("resumes from a page's cursor given as end_date and skip", async () => {
    const pages = await collect(logPages(admin, app));
    const withSkip = pages.findIndex((p) => p.nextSkip !== undefined);
    expect(withSkip).toBeGreaterThanOrEqual(0);
    const { nextEndDate, nextSkip } = pages[withSkip]!;
    const resumed = await collect(
      iterateLogs(admin, { ...app, end_date: nextEndDate!, skip: nextSkip! }),
    );
    expect(idsOf(resumed)).toEqual(idsOf(all.slice((withSkip + 1) * 100)));
  });

  it("refuses invalid dates and an empty type list before sending anything", async () => {
    await expect(logPages(admin, { ...app, start_date: "yesterday" }).next()).rejects.toThrow(
      new TypeError('start_date: "yesterday" is not a valid date'),
    );
    await expect(
      logPages(admin, { ...app, end_date: new Date(Number.NaN) }).next(),
    ).rejects.toThrow(/^end_date: /);
    await expect(logPages(admin, { ...app, type: [] }).next()).rejects.toThrow(TypeError);
    expect(logQueries(emu)).toHaveLength(0);
  });
});

describe("logPages against a server that misbehaves", () => {
  it("stops with an error instead of looping when the server repeats the cursor it was sent", async () => {
    const requested: string[] = [];
    const page = (nextEndDate: string) =>
      new Response(
        JSON.stringify({ logs: [{ _id: "a", started: nextEndDate }], nextEndDate, nextSkip: 1 }),
        {
          headers: { "content-type": "application/json" },
        },
      );
    const client = createAdminClient({
      baseUrl: "http://127.0.0.1:9/api/admin/v3.0",
      session: liveSession(),
      fetch: async (request) => {
        requested.push(new URL(request.url).search);
        return page("2024-01-01T00:00:00.5Z");
      },
    });
    const pages = logPages(client, {
      groupId: "5f1a2b3c4d5e6f7a8b9c0d1e",
      appId: "5f1a2b3c4d5e6f7a8b9c0d1f",
    });
    await expect(collect(pages)).rejects.toThrow(AdminError);
    expect(requested).toEqual(["", "?end_date=2024-01-01T00%3A00%3A00.5Z&skip=1"]);
  });
});
