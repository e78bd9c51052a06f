import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { hashEntries } from "../../packages/hosting/hash-tree.js";
import { hashFile } from "../../packages/hosting/file-read.js";
import { ignoreMatcher } from "../../packages/hosting/ignore-rules.js";
import { inside } from "../../packages/hosting/local-tree.js";
import { SyncPlanner, type LocalAsset, type RemoteAsset } from "../../packages/hosting/plan.js";
import { allOrAbort, limiter, runPool } from "../../packages/hosting/pool.js";
import { hashTree } from "../../packages/hosting/index.js";
import { md5, removeTree, tempTree } from "./helpers.js";

const html = [{ name: "Content-Type", value: "text/html" }];
const local = (path: string, hash: string, attrs = html): LocalAsset => ({
  path,
  file: `/x${path}`,
  hash,
  size: 1,
  mtimeMs: 0,
  attrs,
});
const remote = (path: string, hash: string, attrs = html): RemoteAsset => ({ path, hash, attrs });
const never = () => false;
const draftsOrMaps = await ignoreMatcher(["drafts", /\.map$/]);

describe("SyncPlanner (the official CLI's diff)", () => {
  const cases: {
    name: string;
    given: {
      local: LocalAsset[];
      remote: RemoteAsset[];
      deleteRemoved?: boolean;
      skip?: (p: string) => boolean;
      unreadable?: string[];
    };
    want: { upload: string[]; patch: string[]; delete: string[]; unchanged: string[] };
  }[] = [
    {
      name: "new file -> upload; the '/' and folder entries are ignored",
      given: {
        local: [local("/a.html", "1")],
        remote: [remote("/", ""), remote("/css/", "")],
        deleteRemoved: true,
      },
      want: { upload: ["/a.html"], patch: [], delete: [], unchanged: [] },
    },
    {
      name: "changed hash -> upload (even when attributes changed too)",
      given: { local: [local("/a.html", "2", [])], remote: [remote("/a.html", "1")] },
      want: { upload: ["/a.html"], patch: [], delete: [], unchanged: [] },
    },
    {
      name: "remote hash in upper case is the same hash",
      given: { local: [local("/a.html", "abcdef")], remote: [remote("/a.html", "ABCDEF")] },
      want: { upload: [], patch: [], delete: [], unchanged: ["/a.html"] },
    },
    {
      name: "same hash, attributes differ -> patch",
      given: {
        local: [local("/a.html", "1", [{ name: "Cache-Control", value: "no-cache" }])],
        remote: [remote("/a.html", "1")],
      },
      want: { upload: [], patch: ["/a.html"], delete: [], unchanged: [] },
    },
    {
      name: "same attributes in another order -> unchanged",
      given: {
        local: [local("/a.html", "1", [...html, { name: "Cache-Control", value: "x" }])],
        remote: [remote("/a.html", "1", [{ name: "Cache-Control", value: "x" }, ...html])],
      },
      want: { upload: [], patch: [], delete: [], unchanged: ["/a.html"] },
    },
    {
      name: "remote-only without deleteRemoved -> left alone",
      given: { local: [], remote: [remote("/old.html", "1")] },
      want: { upload: [], patch: [], delete: [], unchanged: [] },
    },
    {
      name: "remote-only with deleteRemoved -> delete, sorted",
      given: {
        local: [],
        remote: [remote("/z.html", "1"), remote("/b/old.html", "1")],
        deleteRemoved: true,
      },
      want: { upload: [], patch: [], delete: ["/b/old.html", "/z.html"], unchanged: [] },
    },
    {
      name: "ignored remote paths (at any folder level) are never deleted",
      given: {
        local: [],
        remote: [remote("/drafts/a/b.html", "1"), remote("/c.map", "1")],
        deleteRemoved: true,
        skip: draftsOrMaps,
      },
      want: { upload: [], patch: [], delete: [], unchanged: [] },
    },
    {
      name: "a folder rule given as a function sees the folder path with its trailing slash",
      given: {
        local: [],
        remote: [remote("/drafts/a/b.html", "1")],
        deleteRemoved: true,
        skip: (p) => p === "/drafts/",
      },
      want: { upload: [], patch: [], delete: [], unchanged: [] },
    },
    {
      name: "a local file that could not be read keeps its hosted copy",
      given: {
        local: [],
        remote: [remote("/locked.html", "1")],
        deleteRemoved: true,
        unreadable: ["/locked.html"],
      },
      want: { upload: [], patch: [], delete: [], unchanged: [] },
    },
  ];
  test.each(cases)("$name", ({ given, want }) => {
    const planner = new SyncPlanner(given.remote, {
      deleteRemoved: given.deleteRemoved ?? false,
      skip: given.skip ?? never,
    });
    const got = { upload: [] as string[], patch: [] as string[], unchanged: [] as string[] };
    for (const asset of given.local) got[planner.decide(asset)].push(asset.path);
    for (const path of given.unreadable ?? []) planner.keep(path);
    expect({ ...got, delete: planner.removed() }).toEqual(want);
  });

  test("files compared one at a time, in any order, leave the same remote-only files", () => {
    const hosted = ["/a", "/b", "/c", "/d"].map((p) => remote(p, "1"));
    const orders = [
      ["/d", "/b"],
      ["/b", "/d"],
    ];
    const removed = orders.map((order) => {
      const planner = new SyncPlanner(hosted, { deleteRemoved: true, skip: never });
      for (const path of order) expect(planner.decide(local(path, "1"))).toBe("unchanged");
      return planner.removed();
    });
    expect(removed).toEqual([
      ["/a", "/c"],
      ["/a", "/c"],
    ]);
  });
});

describe("inside", () => {
  test.each([
    ["/site", "/site", true],
    ["/site", "/site/a/b", true],
    ["/site", "/site/..hidden", true],
    ["/site", "/sites/a", false],
    ["/site", "/", false],
    ["/site", "/site/../etc", false],
  ])("%s contains %s: %s", (root, target, want) => {
    expect(inside(root, join(target))).toBe(want);
  });
});

describe("hashing", () => {
  test("hashTree: sorted /-rooted paths, MD5 and size of each file", async () => {
    const dir = await tempTree({ "b.txt": "bb", "a/c.txt": "c", "a/b/d.txt": "" });
    try {
      const files = await hashTree(dir, { concurrency: 2 });
      expect(files.map(({ path, hash, size }) => ({ path, hash, size }))).toEqual([
        { path: "/a/b/d.txt", hash: md5(""), size: 0 },
        { path: "/a/c.txt", hash: md5("c"), size: 1 },
        { path: "/b.txt", hash: md5("bb"), size: 2 },
      ]);
    } finally {
      await removeTree(dir);
    }
  });

  test("an unreadable file is reported through onError and left out; without onError it throws", async () => {
    const dir = await tempTree({ "ok.txt": "ok" });
    try {
      const entries = [
        { path: "/gone.txt", file: join(dir, "gone.txt") },
        { path: "/ok.txt", file: join(dir, "ok.txt") },
      ];
      const errors: string[] = [];
      const hashed = await hashEntries(entries, {
        onError: (entry, error) =>
          errors.push(`${entry.path}: ${(error as NodeJS.ErrnoException).code}`),
      });
      expect(hashed.map((e) => e.path)).toEqual(["/ok.txt"]);
      expect(errors).toEqual(["/gone.txt: ENOENT"]);
      await expect(hashEntries(entries)).rejects.toThrow(/ENOENT/);
    } finally {
      await removeTree(dir);
    }
  });
});

describe("hashEntries with onRead", () => {
  test("a lane waits for onRead before reading its next file into the same buffer", async () => {
    const dir = await tempTree({ "a.txt": "aaa", "b.txt": "bb" });
    try {
      const entries = ["a.txt", "b.txt"].map((name) => ({
        path: `/${name}`,
        file: join(dir, name),
      }));
      const events: string[] = [];
      await hashEntries(entries, {
        concurrency: 1,
        onFile: (entry) => events.push(`hashed ${entry.path}`),
        onRead: async (entry, bytes) => {
          // File reads of our own, queued before any the lane could start meanwhile: a lane that
          // went on would have read b.txt (over these very bytes) by the time they are done.
          if (entry.path === "/a.txt") for (let i = 0; i < 2; i++) await hashFile(entries[1]!.file);
          events.push(`read ${entry.path} ${Buffer.from(bytes!).toString()}`);
        },
      });
      expect(events).toEqual([
        "hashed /a.txt",
        "read /a.txt aaa",
        "hashed /b.txt",
        "read /b.txt bb",
      ]);
    } finally {
      await removeTree(dir);
    }
  });
});

describe("limiter", () => {
  test("at most `limit` tasks under way, the others in turn; a failing task frees its turn", async () => {
    const turn = limiter(2);
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 5 }, () => {
      let open: () => void = () => undefined;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    });
    const tasks = gates.map((gate, i) =>
      turn(async () => {
        order.push(i);
        peak = Math.max(peak, ++inFlight);
        await gate.opened;
        inFlight--;
        if (i === 0) throw new Error("task 0 failed");
        return i;
      }),
    );
    const settled = Promise.allSettled(tasks);
    for (const gate of gates) {
      await new Promise((r) => setImmediate(r));
      gate.open();
    }
    const results = await settled;
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(results[0]).toMatchObject({ status: "rejected" });
    expect(results.slice(1).map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([
      1, 2, 3, 4,
    ]);
  });
});

describe("limiter, a task that throws before it returns a promise", () => {
  test("rejects with that error and frees its turn for the next task", async () => {
    const turn = limiter(1);
    const failing = turn((): Promise<number> => {
      throw new Error("thrown at once");
    });
    await expect(failing).rejects.toThrow("thrown at once");
    await expect(turn(async () => 7)).resolves.toBe(7);
    // A waiting task gets the turn a throwing one held.
    let release: () => void = () => undefined;
    const held = turn(() => new Promise<void>((resolve) => (release = resolve)));
    const thrower = turn((): Promise<void> => {
      throw new Error("second");
    });
    const after = turn(async () => "after");
    release();
    await held;
    await expect(thrower).rejects.toThrow("second");
    await expect(after).resolves.toBe("after");
  });
});

describe("runPool", () => {
  test("at most `limit` in flight; a failure stops new work, waits for the running, then throws", async () => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const error = await runPool([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      if (n === 1) throw new Error("boom");
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("boom");
    expect(peak).toBe(3);
    expect(inFlight).toBe(0);
    expect(started.length).toBeLessThan(8);
  });
});

describe("allOrAbort", () => {
  const abortable = (signal: AbortSignal) =>
    new Promise<never>((_, reject) =>
      signal.addEventListener("abort", () => reject(new Error("stopped"))),
    );

  test("both succeed: both values, in order", async () => {
    expect(
      await allOrAbort(
        async () => 1,
        async () => "two",
      ),
    ).toEqual([1, "two"]);
  });

  test("the first failure is thrown; the other task is aborted and awaited first", async () => {
    const events: string[] = [];
    const error = await allOrAbort(
      async (signal) => {
        try {
          await abortable(signal);
        } finally {
          events.push("first task settled");
        }
      },
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error("listing failed");
      },
    ).catch((e: unknown) => {
      events.push("caller caught");
      return e;
    });
    expect((error as Error).message).toBe("listing failed");
    expect(events).toEqual(["first task settled", "caller caught"]);
  });

  test("a task that throws synchronously is a failure like any other", async () => {
    const error = await allOrAbort(
      (signal) => abortable(signal),
      () => {
        throw new Error("at once");
      },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe("at once");
  });

  test("the caller's abort reaches both tasks", async () => {
    const controller = new AbortController();
    const run = allOrAbort(abortable, abortable, controller.signal);
    controller.abort(new Error("caller"));
    await expect(run).rejects.toThrow("stopped");
  });
});
