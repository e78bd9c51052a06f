import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AdminAbortError } from "../../packages/core/errors.js";
import { lazyIterator } from "../../packages/core/lazy-iterator.js";
import {
  iterateLogs,
  logPages,
  type LogEntry,
  type LogQuery,
  type LogsClient,
} from "../../packages/logs/index.js";
import type { IterateLogsOptions } from "../../packages/logs/iterate.js";

// iterateLogs hands its entries out from a class of its own rather than an async generator
// function. Its promise of behaving as one is checked here against the async generator it
// replaced (the model below), over random scripts of calls: `next` calls made several at once,
// `return`, `throw` and aborts at any point, caps, and a server that fails at some page. Both
// run over the same scripted client; what each call settles to, in order, and the pages asked
// for must be the same. So must the package root's `iterateLogs`: a `lazyIterator` that loads the
// real one on first use (scripts/lib/bundle-lazy-helpers.ts).

const SEED = 20261207;
const RUNS = 300;

/** A page of `size` entries numbered from `first`; `failAt`: the page whose request fails. */
interface Server {
  pages: number[];
  failAt: number | undefined;
}

// Page i's cursor: i seconds before this instant (pages go back in time, as logPages checks).
const NEWEST = Date.parse("2026-12-07T00:00:00Z");

/** A client answering `GET …/logs` from `server`, one page per cursor, a turn of the event loop each. */
function scriptedClient(server: Server, asked: number[]): LogsClient {
  return {
    call: (async (_operation: unknown, params: { end_date?: string }) => {
      const index =
        params.end_date === undefined ? 0 : (NEWEST - Date.parse(params.end_date)) / 1000;
      asked.push(index);
      await new Promise((resolve) => setImmediate(resolve));
      if (index === server.failAt) throw new Error(`page ${index} failed`);
      const before = server.pages.slice(0, index).reduce((a, b) => a + b, 0);
      const logs = Array.from({ length: server.pages[index]! }, (_, i) => ({
        _id: `e${before + i}`,
        started: "2026-12-07T00:00:00Z",
      }));
      const last = index === server.pages.length - 1;
      const nextEndDate = new Date(NEWEST - (index + 1) * 1000).toISOString();
      return last ? { logs } : { logs, nextEndDate };
    }) as LogsClient["call"],
  };
}

/** The model: iterateLogs as it was written before, an async generator function over the pages. */
async function* modelIterateLogs(
  client: LogsClient,
  query: LogQuery,
  options: IterateLogsOptions,
): AsyncGenerator<LogEntry, void, undefined> {
  const max = options.maxEntries ?? Number.POSITIVE_INFINITY;
  if (!(max >= 0) || (Number.isFinite(max) && !Number.isInteger(max))) {
    throw new RangeError(
      `maxEntries must be a non-negative integer, got ${String(options.maxEntries)}`,
    );
  }
  if (max === 0) return;
  let yielded = 0;
  for await (const page of logPages(client, query, { signal: options.signal })) {
    for (const entry of page.logs) {
      yield entry;
      if (++yielded >= max) return;
      if (options.signal?.aborted) {
        throw new AdminAbortError(
          { method: "GET", path: "/groups/g/apps/a/logs", operationId: "adminGetLogs" },
          { cause: options.signal.reason },
        );
      }
    }
  }
}

/** The package root's wrapper: the module loaded on first use (here, a turn of the event loop). */
const rootIterateLogs: typeof iterateLogs = (...args) =>
  lazyIterator(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return iterateLogs(...args);
  });

type Step =
  { kind: "next"; together: number } | { kind: "return" } | { kind: "throw" } | { kind: "abort" };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .integer({ min: 1, max: 4 })
      .map((together) => ({ kind: "next" as const, together })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "return" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "throw" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "abort" as const }) },
);

/** What a call settled to, comparable between the two. */
function outcome(settled: PromiseSettledResult<IteratorResult<LogEntry, void>>): string {
  if (settled.status === "rejected") {
    const error = settled.reason as Error;
    return `threw ${error.name}: ${error.message}`;
  }
  const { done, value } = settled.value;
  return done ? "done" : `entry ${String(value._id)}`;
}

/** Runs `steps` against one implementation; returns each call's outcome and the pages asked for. */
async function run(
  make: typeof modelIterateLogs,
  server: Server,
  maxEntries: number | undefined,
  steps: readonly Step[],
): Promise<{ outcomes: string[]; asked: number[] }> {
  const asked: number[] = [];
  const controller = new AbortController();
  const iterator = make(
    scriptedClient(server, asked),
    { groupId: "g", appId: "a" },
    { maxEntries, signal: controller.signal },
  );
  const outcomes: string[] = [];
  for (const s of steps) {
    if (s.kind === "abort") {
      controller.abort(new Error("stopped"));
      continue;
    }
    const calls =
      s.kind === "next"
        ? Array.from({ length: s.together }, () => iterator.next())
        : s.kind === "return"
          ? [iterator.return()]
          : [iterator.throw(new Error("consumer's"))];
    for (const settled of await Promise.allSettled(calls)) outcomes.push(outcome(settled));
  }
  return { outcomes, asked };
}

describe("iterateLogs keeps an async generator's protocol", () => {
  it("settles every call as the async generator it replaced does, in order, asking for the same pages", async () => {
    const server = fc.record({
      pages: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
      failAt: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    });
    const maxEntries = fc.option(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(-1)), {
      nil: undefined,
    });
    const property = fc.asyncProperty(
      server,
      maxEntries,
      fc.array(step, { maxLength: 12 }),
      async (s, max, steps) => {
        const expected = await run(modelIterateLogs, s, max, steps);
        expect(await run(iterateLogs, s, max, steps)).toEqual(expected);
        expect(await run(rootIterateLogs, s, max, steps)).toEqual(expected);
      },
    );
    await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
  });

  it("returns itself as its async iterator, and stops asking for pages when the loop is left", async () => {
    const asked: number[] = [];
    const entries = iterateLogs(scriptedClient({ pages: [3, 3, 3], failAt: undefined }, asked), {
      groupId: "g",
      appId: "a",
    });
    expect(entries[Symbol.asyncIterator]()).toBe(entries);
    const seen: unknown[] = [];
    for await (const entry of entries) {
      seen.push(entry._id);
      if (seen.length === 4) break;
    }
    expect(seen).toEqual(["e0", "e1", "e2", "e3"]);
    expect(asked).toEqual([0, 1]);
    expect(await entries.next()).toEqual({ done: true, value: undefined });
    expect(asked).toEqual([0, 1]);
  });
});
