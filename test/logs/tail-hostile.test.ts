// A poll interval longer than a timer can hold: setTimeout fires such a wait at once (after a
// warning), so the tail would poll the API without pause. Refused before any request, as the
// CLI's --interval already is.
import { describe, expect, it } from "vitest";
import { tailLogs } from "../../packages/logs/tail.js";
import type { LogsClient } from "../../packages/logs/types.js";

describe("tailLogs with a huge poll interval", () => {
  it.each([2 ** 31, 1e12])(
    "refuses pollIntervalMs %d before any request",
    async (pollIntervalMs) => {
      // Were the interval taken, the wait would fire at once: the third request stops the tail.
      const controller = new AbortController();
      let calls = 0;
      const client = {
        call: () => {
          if (++calls === 3) controller.abort();
          return Promise.resolve({ logs: [] });
        },
      } as unknown as LogsClient;
      await expect(
        tailLogs(
          client,
          { groupId: "g", appId: "a" },
          { pollIntervalMs, signal: controller.signal },
        ).next(),
      ).rejects.toThrow(
        new RangeError(
          `pollIntervalMs must be a finite number >= 100 and <= 2147483647, got ${pollIntervalMs}`,
        ),
      );
      expect(calls).toBe(0);
    },
  );

  it("still takes the longest wait a timer can hold", async () => {
    const controller = new AbortController();
    const client = {
      // The anchoring request: answered once the tail is under way, then the tail is stopped.
      call: () => {
        controller.abort();
        return Promise.resolve({ logs: [] });
      },
    } as unknown as LogsClient;
    const tail = tailLogs(
      client,
      { groupId: "g", appId: "a" },
      { pollIntervalMs: 2 ** 31 - 1, signal: controller.signal },
    );
    await expect(tail.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
