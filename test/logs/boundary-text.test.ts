import { describe, expect, it } from "vitest";
import { createAdminCore } from "../../packages/client/create-admin-core.js";
import { iterateLogs } from "../../packages/logs/index.js";

// The page-boundary guard of iterateLogs compares timestamps as instants: the server trims
// trailing zeros, so one instant can come back as `48.41Z` and as `48.410Z`. Scripted pages
// through an injected fetch, since the emulator always writes one form.
const T = "2024-05-01T10:00:48.41Z";
const SAME_INSTANT = "2024-05-01T10:00:48.410Z";
const PAGES = [
  {
    logs: [
      { _id: "a", started: "2024-05-01T10:00:49Z" },
      { _id: "b", started: SAME_INSTANT },
      { _id: "c", started: T },
    ],
    nextEndDate: T,
    nextSkip: 2,
  },
  // An entry written at T meanwhile shifted `skip`: the server hands `b` out again.
  {
    logs: [
      { _id: "b", started: T },
      { _id: "d", started: "2024-05-01T10:00:47Z" },
    ],
  },
];

describe("iterateLogs at a page boundary", () => {
  it("drops a repeat of an entry whose equal timestamp was written in another form", async () => {
    let page = 0;
    const core = createAdminCore({
      baseUrl: "https://admin.test/api/admin/v3.0",
      session: { accessToken: "access-token-for-test" },
      fetch: async () => Response.json(PAGES[page++]),
    });
    const ids: string[] = [];
    const app = { groupId: "5f1a2b3c4d5e6f7a8b9c0d1f", appId: "5f1a2b3c4d5e6f7a8b9c0d1e" };
    for await (const entry of iterateLogs(core, app)) ids.push(String(entry._id));
    expect(ids).toEqual(["a", "b", "c", "d"]);
    expect(page).toBe(2);
  });
});
