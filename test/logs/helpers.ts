import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { UnsecuredJWT } from "jose";
import { afterEach } from "vitest";
import type { Clock } from "../../packages/core/clock.js";
import { createAdminClient, type AdminClient } from "../../packages/client/create-admin-client.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../packages/emulator/index.js";
import type { LogEntry } from "../../packages/logs/index.js";

/** An emulator (600 seeded entries with a 250-entry run of one timestamp unless told) and a client. */
export async function setup(options: EmulatorOptions = {}, client: AdminClientOptions = {}) {
  const emu = await startEmulator({ logs: { count: 600, seed: 3 }, ...options });
  const admin: AdminClient = createAdminClient({
    baseUrl: emu.url,
    credentials: emu.credentials,
    ...client,
  });
  return { emu, admin, app: { groupId: emu.groupId, appId: emu.appId } };
}

/** The queries of the `GET …/logs` requests the emulator saw (answered or not yet), oldest first. */
export function logQueries(emu: RunningEmulator): URLSearchParams[] {
  return emu.control
    .requests()
    .filter((r) => r.method === "GET" && r.path.endsWith(`/apps/${emu.appId}/logs`))
    .map((r) => new URLSearchParams(r.query));
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Epoch ms of an entry's `started`. */
export const timeOf = (entry: LogEntry): number => Date.parse(String(entry.started));

/** The `_id`s of entries, in order. */
export const idsOf = (entries: readonly LogEntry[]): string[] => entries.map((e) => String(e._id));

/** Ids that occur more than once. */
export function repeated(entries: readonly LogEntry[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const id of idsOf(entries)) {
    if (seen.has(id)) twice.push(id);
    else seen.add(id);
  }
  return twice;
}

/** A session whose access token is valid for two hours, for a client given a scripted `fetch`. */
export function liveSession() {
  const accessToken = new UnsecuredJWT({}).setIssuedAt().setExpirationTime("2h").encode();
  return { accessToken, refreshToken: "test-refresh-token" };
}

/**
 * A clock for tails: real `now`, but each sleep waits until the test calls `wake()`. `asleep()`
 * resolves once the tail sleeps, that is once a poll is done and its entries were consumed, so a
 * test steps poll by poll without timing anything. Sleeps reject on abort like the real clock.
 */
export function steppedClock() {
  let wakeUp: (() => void) | undefined;
  let waiters: (() => void)[] = [];
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason as Error);
        sleeps.push(ms);
        const onAbort = () => {
          wakeUp = undefined;
          reject(signal!.reason as Error);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        wakeUp = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        for (const waiter of waiters) waiter();
        waiters = [];
      }),
  };
  return {
    clock,
    sleeps,
    asleep: (): Promise<void> =>
      wakeUp ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)),
    /** Ends the current sleep and resolves once the tail sleeps again (the next poll is done). */
    async nextPoll(): Promise<void> {
      const wake = wakeUp;
      if (!wake) throw new Error("steppedClock: the tail is not asleep");
      wakeUp = undefined;
      const again = new Promise<void>((resolve) => waiters.push(resolve));
      wake();
      await again;
    },
  };
}

/**
 * A loopback server per test (closed after it, its connections too) answering with `handle`, and a
 * client on it with a live session: for servers no emulator plays (cursors that never end).
 */
export function loopbackLogServer(): (handle: RequestListener) => Promise<AdminClient> {
  let server: Server | undefined;
  afterEach(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  });
  return async (handle) => {
    server = createServer(handle);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return createAdminClient({
      baseUrl: `http://127.0.0.1:${port}/api/admin/v3.0`,
      session: liveSession(),
    });
  };
}
