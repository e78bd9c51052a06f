// A login can reach many projects: they are asked about a few at a time, not all at once.
import { describe, expect, it } from "vitest";
import { perProject, PROJECTS_AT_ONCE } from "../../packages/cli/connection.js";

/** A promise and what settles it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
}

/** Lets every promise job queued so far run. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("perProject", () => {
  const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);

  it(`works on ${PROJECTS_AT_ONCE} projects at once, starting the next as one ends, results in order`, async () => {
    const started: string[] = [];
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const all = perProject(ids, (id) => {
      started.push(id);
      const d = deferred<string>();
      pending.set(id, d);
      return d.promise;
    });
    await settled();
    // A few: 16 lists in flight at most (4 product types each).
    expect(PROJECTS_AT_ONCE).toBeLessThanOrEqual(4);
    expect(started).toEqual(ids.slice(0, PROJECTS_AT_ONCE));
    pending.get("p2")!.resolve("r2");
    await settled();
    expect(started).toEqual(ids.slice(0, PROJECTS_AT_ONCE + 1));
    // Every project started is answered, until all have started.
    while (started.length < ids.length) {
      for (const id of started) pending.get(id)!.resolve(`r${id.slice(1)}`);
      await settled();
    }
    for (const id of started) pending.get(id)!.resolve(`r${id.slice(1)}`);
    await expect(all).resolves.toEqual(ids.map((id) => `r${id.slice(1)}`));
  });

  it("throws the first failure and starts no project after it", async () => {
    const started: string[] = [];
    const pending: ReturnType<typeof deferred<string>>[] = [];
    const all = perProject(ids, (id) => {
      started.push(id);
      const d = deferred<string>();
      pending.push(d);
      return d.promise;
    });
    const failure = all.catch((error: unknown) => error);
    await settled();
    pending[0]!.reject(new Error("403 on p0"));
    for (const d of pending.slice(1)) d.resolve("ok");
    expect(await failure).toEqual(new Error("403 on p0"));
    await settled();
    expect(started).toEqual(ids.slice(0, PROJECTS_AT_ONCE));
  });
});
