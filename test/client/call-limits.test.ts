/**
 * Per-call options that set no limit (`iterateLogs` passes `{ signal, timeoutMs, retries }` with all
 * three undefined on every page) run under the client's limits without re-checking them; a call
 * that sets one still gets its own, checked, before anything is sent.
 */
import { describe, expect, test } from "vitest";
import { AdminServerError } from "../../packages/core/errors.js";
import { fakeClock } from "./helpers/fake-clock.js";
import { runtimeClient } from "./helpers/runtime-client.js";
import { json, scriptedFetch } from "./helpers/scripted-fetch.js";

const baseUrl = "http://127.0.0.1:9/api/admin/v3.0";
const ok = () => json(200, [{ _id: "a" }]);
const unavailable = () => json(503, { error: "unavailable" });
const unset = { signal: undefined, timeoutMs: undefined, retries: undefined };

function setup(steps: Parameters<typeof scriptedFetch>[0], retries: number) {
  const time = fakeClock();
  const fetch = scriptedFetch(steps);
  const client = runtimeClient({
    baseUrl,
    fetch: fetch.fetch,
    clock: time.clock,
    random: () => 0,
    retries,
  });
  return { time, fetch, client };
}

describe("call options without limits", () => {
  test("options with every limit undefined keep the client's retry budget", async () => {
    const { fetch, client } = setup([unavailable(), ok()], 1);
    await expect(client.listApps({ groupId: "g1" }, unset)).resolves.toEqual([{ _id: "a" }]);
    expect(fetch.calls).toHaveLength(2);
  });

  test("the client's budget of none is kept too: one request, the 503 thrown", async () => {
    const { fetch, client } = setup([unavailable()], 0);
    await expect(client.listApps({ groupId: "g1" }, unset)).rejects.toBeInstanceOf(
      AdminServerError,
    );
    expect(fetch.calls).toHaveLength(1);
  });

  test("a call's own retries still wins over the client's", async () => {
    const { fetch, client } = setup([unavailable()], 2);
    await expect(
      client.listApps({ groupId: "g1" }, { ...unset, retries: 0 }),
    ).rejects.toBeInstanceOf(AdminServerError);
    expect(fetch.calls).toHaveLength(1);
  });

  test("a null signal is still refused before anything is sent", async () => {
    const { fetch, client } = setup([], 2);
    await expect(
      client.listApps({ groupId: "g1" }, { ...unset, signal: null as never }),
    ).rejects.toThrow(/^call option signal must be an AbortSignal; got null$/);
    expect(fetch.calls).toHaveLength(0);
  });
});
