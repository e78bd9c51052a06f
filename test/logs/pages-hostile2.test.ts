import { describe, expect, it } from "vitest";
import { AdminError } from "../../packages/core/errors.js";
import { iterateLogs, logPages, tailLogs } from "../../packages/logs/index.js";
import { collect, loopbackLogServer } from "./helpers.js";

// A server whose log cursors go round: pages are newest first, so each nextEndDate/nextSkip must
// lie further back than the cursor it answers (an earlier instant, or the same one with a larger
// skip). One that does not (A→B→A, a repeat written another way, a smaller skip) would be paged
// for ever. A scripted server on 127.0.0.1 answers each cursor with the page the script gives.
const app = { groupId: "5f1a2b3c4d5e6f7a8b9c0d1e", appId: "5f1a2b3c4d5e6f7a8b9c0d1f" };
const A = "2026-12-07T10:00:03Z";
const B = "2026-12-07T10:00:02Z";

interface Cursor {
  nextEndDate?: string;
  nextSkip?: number;
}

const serveLogs = loopbackLogServer();

/**
 * A client on a loopback server answering the request with end_date `e` and skip `s` by the
 * script's entry for `${e}|${s}` (`""` for the first request): one entry and that cursor. A
 * cursor the script lacks is the last page. Requests are recorded as `${end_date}|${skip}`.
 */
async function scripted(script: Record<string, Cursor>) {
  const asked: string[] = [];
  const admin = await serveLogs((req, res) => {
    const query = new URL(req.url!, "http://127.0.0.1").searchParams;
    const key = query.has("end_date") ? `${query.get("end_date")}|${query.get("skip") ?? ""}` : "";
    asked.push(key);
    // Past ten requests the client is looping: a last page ends it, so the test fails, not hangs.
    const cursor = asked.length > 10 ? {} : (script[key] ?? {});
    const logs = [{ _id: `entry-${asked.length}`, started: cursor.nextEndDate ?? B }];
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ logs, ...cursor }));
  });
  return { admin, asked };
}

const cycles: [string, Record<string, Cursor>, string[]][] = [
  [
    "A→B→A",
    { "": { nextEndDate: A }, [`${A}|`]: { nextEndDate: B }, [`${B}|`]: { nextEndDate: A } },
    ["", `${A}|`, `${B}|`],
  ],
  [
    "the same instant and skip written another way",
    {
      "": { nextEndDate: A, nextSkip: 1 },
      [`${A}|1`]: { nextEndDate: "2026-12-07T10:00:03.000Z", nextSkip: 1 },
    },
    ["", `${A}|1`],
  ],
  [
    "the same instant with a smaller skip",
    { "": { nextEndDate: A, nextSkip: 2 }, [`${A}|2`]: { nextEndDate: A, nextSkip: 1 } },
    ["", `${A}|2`],
  ],
  [
    "a later instant than the cursor answered",
    { "": { nextEndDate: B }, [`${B}|`]: { nextEndDate: A } },
    ["", `${B}|`],
  ],
  [
    "a nextEndDate that is no date",
    { "": { nextEndDate: A }, [`${A}|`]: { nextEndDate: "soon" } },
    ["", `${A}|`],
  ],
];

describe("log cursors that do not move back", () => {
  it.each(cycles)("logPages stops on %s", async (_name, script, requests) => {
    const { admin, asked } = await scripted(script);
    const error = await collect(logPages(admin, app)).then(
      () => new Error("expected a rejection"),
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(AdminError);
    expect((error as Error).message).toMatch(
      /^GET logs returned the cursor \{.*\} after \{.*\}, not further back: stopping instead of looping$/,
    );
    expect(asked).toEqual(requests);
  });

  it("iterateLogs yields each entry once, then stops with the error", async () => {
    const { admin, asked } = await scripted(cycles[0]![1]);
    const seen: string[] = [];
    const iteration = (async () => {
      for await (const entry of iterateLogs(admin, app)) seen.push(String(entry._id));
    })();
    await expect(iteration).rejects.toThrow(AdminError);
    // The page that points back is not handed out: its cursor is checked before it is yielded.
    expect(seen).toEqual(["entry-1", "entry-2"]);
    expect(asked).toHaveLength(3);
  });

  it("tailLogs stops with the error in its poll", async () => {
    const { admin, asked } = await scripted(cycles[0]![1]);
    const tail = tailLogs(admin, { ...app, start_date: "2026-12-07T09:00:00Z" });
    await expect(tail.next()).rejects.toThrow(AdminError);
    expect(asked).toHaveLength(3);
  });

  it("a run of one instant paged by a growing skip is followed to its end", async () => {
    const { admin, asked } = await scripted({
      "": { nextEndDate: A, nextSkip: 1 },
      [`${A}|1`]: { nextEndDate: A, nextSkip: 2 },
      [`${A}|2`]: { nextEndDate: B },
    });
    expect(await collect(logPages(admin, app))).toHaveLength(4);
    expect(asked).toEqual(["", `${A}|1`, `${A}|2`, `${B}|`]);
  });
});
