import { describe, expect, it } from "vitest";
import { AdminError } from "../../packages/core/errors.js";
import { iterateLogs, logPages, tailLogs } from "../../packages/logs/index.js";
import { collect, loopbackLogServer } from "./helpers.js";

// Servers whose pages never end on their own: a cursor that keeps moving back (never cycling),
// a page of no entries pointing to another, a `logs` that is no list. A loopback server answers
// each request with what `answer` makes of its query; past CAP requests it answers a last page, so
// a client that would loop fails its test instead of hanging it.
const app = { groupId: "5f1a2b3c4d5e6f7a8b9c0d1e", appId: "5f1a2b3c4d5e6f7a8b9c0d1f" };
const NOW = Date.parse("2026-12-07T10:00:00Z");
const HOUR = 3_600_000;
const CAP = 50;

const serveLogs = loopbackLogServer();

async function serve(answer: (query: URLSearchParams) => unknown) {
  const asked: URLSearchParams[] = [];
  const admin = await serveLogs((req, res) => {
    const query = new URL(req.url!, "http://127.0.0.1").searchParams;
    asked.push(query);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(asked.length > CAP ? { logs: [] } : answer(query)));
  });
  return { admin, asked };
}

/** One entry a page at the cursor, and a cursor an hour further back, for ever. */
function backForEver(query: URLSearchParams) {
  const end = query.has("end_date") ? Date.parse(query.get("end_date")!) : NOW;
  return {
    logs: [{ _id: `at-${end}`, type: "FUNCTION", started: new Date(end).toISOString() }],
    nextEndDate: new Date(end - HOUR).toISOString(),
  };
}

describe("a cursor that keeps moving back, never cycling", () => {
  it("ends at the query's start_date: no page is asked for at or before it", async () => {
    const { admin, asked } = await serve(backForEver);
    const start = new Date(NOW - 5 * HOUR);
    const entries = await collect(iterateLogs(admin, { ...app, start_date: start }));
    // Pages at NOW, NOW-1h … NOW-4h; the cursor NOW-5h is start_date itself (exclusive).
    expect(entries.map((e) => e.started)).toEqual(
      [0, 1, 2, 3, 4].map((h) => new Date(NOW - h * HOUR).toISOString()),
    );
    expect(asked).toHaveLength(5);
  });

  it("logPages: the last page within the window carries no cursor", async () => {
    const { admin } = await serve(backForEver);
    const pages = await collect(
      logPages(admin, { ...app, start_date: new Date(NOW - 90 * 60_000) }),
    );
    expect(pages.map((p) => p.nextEndDate)).toEqual([
      new Date(NOW - HOUR).toISOString(),
      undefined,
    ]);
  });

  it("tailLogs: a poll ends at the tail's start, so its entries come out", async () => {
    const { admin, asked } = await serve(backForEver);
    const start = new Date(NOW - 2.5 * HOUR);
    const seen: unknown[] = [];
    for await (const entry of tailLogs(admin, { ...app, start_date: start })) {
      seen.push(entry.started);
      if (seen.length === 3) break;
    }
    // Oldest first; a poll that paged on past its start would have asked until the server's cap.
    expect(seen).toEqual([2, 1, 0].map((h) => new Date(NOW - h * HOUR).toISOString()));
    expect(asked).toHaveLength(3);
  });

  it("without a start_date it is followed, an entry at a time: the caller's cap ends it", async () => {
    const { admin, asked } = await serve(backForEver);
    const entries = await collect(iterateLogs(admin, app, { maxEntries: 7 }));
    expect(entries).toHaveLength(7);
    expect(asked).toHaveLength(7);
  });
});

describe("a page that does not move the cursor", () => {
  it("a page of no entries pointing to another ends the pages, naming both cursors", async () => {
    // Without the check iterateLogs would ask page after page and never hand out an entry.
    const { admin, asked } = await serve((query) => ({
      logs: [],
      nextEndDate: new Date(
        (query.has("end_date") ? Date.parse(query.get("end_date")!) : NOW) - 1,
      ).toISOString(),
    }));
    const end = new Date(NOW).toISOString();
    const error = await collect(iterateLogs(admin, { ...app, end_date: end })).catch((e) => e);
    expect(error).toBeInstanceOf(AdminError);
    expect((error as Error).message).toBe(
      `GET logs returned the cursor {"end_date":"2026-12-07T09:59:59.999Z"} after ` +
        `{"end_date":"${end}"} with no entries: stopping instead of looping`,
    );
    expect(asked).toHaveLength(1);
  });

  it("an empty last page is no error", async () => {
    const { admin } = await serve(() => ({ logs: [] }));
    expect(await collect(iterateLogs(admin, app))).toEqual([]);
  });
});

describe("a logs field that is not a list", () => {
  it.each([
    ["a string", "FUNCTION ran", "string"],
    ["an object", { 0: { _id: "x" }, length: 1 }, "object"],
  ])("%s is refused, not read an item a character", async (_what, logs, type) => {
    const { admin } = await serve(() => ({ logs }));
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const entry of iterateLogs(admin, app)) seen.push(entry);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([]);
    expect(error).toBeInstanceOf(AdminError);
    expect((error as Error).message).toBe(
      `GET logs returned logs as ${type}, not a list of entries`,
    );
  });

  it("null or absent is an empty page, as the official CLI's decoder reads it", async () => {
    const { admin } = await serve(() => ({ logs: null }));
    expect(await collect(logPages(admin, app))).toEqual([{ logs: [] }]);
  });
});
