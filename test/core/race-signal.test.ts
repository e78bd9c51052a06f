// raceSignal (a retry's wait, a call waiting on the session's shared refresh): it settles as its
// promise does, or with the signal's reason once the signal aborts, and keeps no listener on the
// signal once settled: a caller's long-lived signal would otherwise gather one per call.
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { raceSignal } from "../../packages/core/clock.js";

describe("raceSignal", () => {
  test("settles as its promise does and leaves no listener on the signal", async () => {
    const controller = new AbortController();
    await expect(raceSignal(Promise.resolve("done"), controller.signal)).resolves.toBe("done");
    const failure = new Error("refresh failed");
    await expect(raceSignal(Promise.reject(failure), controller.signal)).rejects.toBe(failure);
    // The listener goes once the settled promise's handlers have run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  test("rejects with the signal's reason, whether it aborts before or while waiting", async () => {
    const before = new AbortController();
    before.abort("stopped before");
    await expect(raceSignal(new Promise(() => undefined), before.signal)).rejects.toBe(
      "stopped before",
    );
    const during = new AbortController();
    let finish!: () => void;
    const shared = new Promise<void>((resolve) => (finish = resolve));
    const raced = raceSignal(shared, during.signal);
    during.abort("stopped while waiting");
    await expect(raced).rejects.toBe("stopped while waiting");
    // The promise raced goes on for whoever else awaits it, and the listener is gone after it.
    finish();
    await expect(shared).resolves.toBeUndefined();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(getEventListeners(during.signal, "abort")).toHaveLength(0);
  });
});
