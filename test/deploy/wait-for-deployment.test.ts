import { beforeEach, describe, expect, test, vi } from "vitest";
import type { AdminClient } from "../../packages/client/create-admin-client.js";
import { AdminAbortError, AdminNotFoundError } from "../../packages/core/errors.js";
import {
  deployWithDraft,
  DeploymentTimeoutError,
  DeploymentWaitAbortedError,
  waitForDeployment,
} from "../../packages/deploy/index.js";
import { planPolling } from "../../packages/deploy/polling.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { fakeClock, paths, rejectionOf, startWorld } from "./helpers.js";

// The emulator moves a deployment by its clock (created for 50 ms, pending for 150 ms, then
// final); it shares the fake clock the waits sleep on, so what a wait sees is exact, never timed.
let emu: RunningEmulator;
let admin: AdminClient;
let ids: { groupId: string; appId: string };
let clock: ReturnType<typeof fakeClock>;

async function setup(
  options: Parameters<typeof startWorld>[0] = {},
  emulator: Parameters<typeof startWorld>[1] = {},
) {
  ({ emu, admin, ids } = await startWorld(options, { clock: clock.clock, ...emulator }));
  return () => emu.stop();
}
beforeEach(() => {
  clock = fakeClock();
});

/** Starts a deployment with plain namespace calls, the way another tool would. */
async function startDeployment(): Promise<string> {
  const draft = await admin.deploy.createDeploymentDraft(ids);
  const started = await admin.deploy.deployDraft({ ...ids, draftId: draft._id! });
  expect(started.status).toBe("created");
  return started._id!;
}

describe("waitForDeployment", () => {
  beforeEach(() => setup());

  test("onStatus sees each status as the clock passes: created, pending, successful", async () => {
    const deploymentId = await startDeployment();
    const statuses: string[] = [];
    const done = await waitForDeployment(admin, {
      ...ids,
      deploymentId,
      clock: clock.clock,
      onStatus: (status, deployment) => statuses.push(`${status}:${deployment._id}`),
    });
    expect(statuses).toEqual([
      `created:${deploymentId}`,
      `pending:${deploymentId}`,
      `successful:${deploymentId}`,
    ]);
    expect(done).toMatchObject({ _id: deploymentId, status: "successful" });
    // Nothing known before the first read, so it goes out at once; then 100 ms, doubled.
    expect(clock.sleeps).toEqual([100, 200]);
  });

  test("follows a redeploy, whose call answers 204 with no id", async () => {
    const first = await deployWithDraft(admin, { ...ids, clock: clock.clock }, () => {});
    await admin.deploy.redeployDeployment({ ...ids, deploymentId: first._id });
    const [newest] = await admin.deploy.listDeployments(ids);
    expect(newest?._id).not.toBe(first._id);
    const done = await waitForDeployment(admin, {
      ...ids,
      deploymentId: newest!._id!,
      clock: clock.clock,
    });
    expect(done.status).toBe("successful");
  });

  test("the last wait is cut to the deadline, where one last read decides", async () => {
    await emu.stop();
    await setup({}, { deploymentTiming: { pendingMs: 10_000 } });
    const statuses: string[] = [];
    const error = await rejectionOf(
      deployWithDraft(
        admin,
        {
          ...ids,
          clock: clock.clock,
          pollIntervalMs: 400,
          timeoutMs: 250,
          onStatus: (s) => statuses.push(s),
        },
        () => {},
      ),
    );
    expect(error).toBeInstanceOf(DeploymentTimeoutError);
    expect(clock.sleeps).toEqual([250]);
    expect(statuses).toEqual(["created", "pending"]);
    expect(emu.control.counts().byOperation.adminGetDeployment).toBe(1);
  });

  test("an unknown deployment: the API's 404 surfaces", async () => {
    const error = await rejectionOf(
      waitForDeployment(admin, {
        ...ids,
        deploymentId: "0123456789abcdef01234567",
        clock: clock.clock,
      }),
    );
    expect(error).toBeInstanceOf(AdminNotFoundError);
    expect((error as AdminNotFoundError).errorCode).toBe("DeploymentNotFound");
  });

  test("abort while waiting: DeploymentWaitAbortedError with the deployment; the wait can resume", async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      deployWithDraft(
        admin,
        {
          ...ids,
          clock: clock.clock,
          signal: controller.signal,
          onStatus: (status) => status === "pending" && controller.abort(new Error("stop")),
        },
        () => {},
      ),
    );
    expect(error).toBeInstanceOf(DeploymentWaitAbortedError);
    expect(error).toBeInstanceOf(AdminAbortError);
    const e = error as DeploymentWaitAbortedError;
    expect(e.deployment?.status).toBe("pending");
    expect((e.cause as Error).message).toBe("stop");
    expect(e.message).toContain(e.deploymentId);
    const resumed = await waitForDeployment(admin, {
      ...ids,
      deploymentId: e.deploymentId,
      clock: clock.clock,
    });
    expect(resumed.status).toBe("successful");
  });

  test("abort during a read in flight: the read is cut short", async () => {
    const deploymentId = await startDeployment();
    emu.control.setLatency(60_000, { method: "GET", path: paths.deployment });
    const controller = new AbortController();
    const waiting = rejectionOf(
      waitForDeployment(admin, {
        ...ids,
        deploymentId,
        clock: clock.clock,
        signal: controller.signal,
      }),
    );
    await vi.waitFor(() =>
      expect(
        emu.control.requests().some((r) => r.method === "GET" && r.path.includes("/deployments/")),
      ).toBe(true),
    );
    controller.abort();
    const error = await waiting;
    expect(error).toBeInstanceOf(DeploymentWaitAbortedError);
    expect((error as DeploymentWaitAbortedError).deployment).toBeUndefined();
    emu.control.setLatency(0);
  });

  test("an already aborted signal: no request", async () => {
    const deploymentId = await startDeployment();
    emu.control.resetCounts();
    const error = await rejectionOf(
      waitForDeployment(admin, { ...ids, deploymentId, signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(DeploymentWaitAbortedError);
    expect(emu.control.counts().total).toBe(0);
  });
});

describe("timeout", () => {
  // Each read of a deployment costs one second of the fake clock: a slow server, exactly. The
  // deployment stays pending for five seconds of that clock.
  beforeEach(() =>
    setup(
      {
        fetch: (request) => {
          if (
            request.method === "GET" &&
            /\/deployments\/[^/]+$/.test(new URL(request.url).pathname)
          ) {
            clock.advance(1_000);
          }
          return globalThis.fetch(request);
        },
      },
      { deploymentTiming: { pendingMs: 5_000 } },
    ),
  );

  test("still pending at the deadline: DeploymentTimeoutError with the last status; resumable", async () => {
    const statuses: string[] = [];
    const error = await rejectionOf(
      deployWithDraft(
        admin,
        { ...ids, clock: clock.clock, timeoutMs: 1_050, onStatus: (s) => statuses.push(s) },
        () => {},
      ),
    );
    expect(error).toBeInstanceOf(DeploymentTimeoutError);
    const e = error as DeploymentTimeoutError;
    expect(e).toMatchObject({ timeoutMs: 1_050, deployment: { status: "pending" } });
    expect(e.message).toContain("still pending after 1050 ms");
    expect(statuses).toEqual(["created", "pending"]);
    expect(clock.sleeps).toEqual([100]);
    const resumed = await waitForDeployment(admin, {
      ...ids,
      deploymentId: e.deploymentId,
      clock: clock.clock,
    });
    expect(resumed.status).toBe("successful");
  });

  test("timeoutMs 0 means no limit", async () => {
    const done = await deployWithDraft(
      admin,
      { ...ids, clock: clock.clock, timeoutMs: 0 },
      () => {},
    );
    expect(done.status).toBe("successful");
  });
});

describe("poll schedule", () => {
  const first = (n: number, settings?: Parameters<typeof planPolling>[0]) => {
    const { delays } = planPolling(settings);
    return Array.from({ length: n }, () => delays.next().value);
  };

  test("100 ms doubling to a 2 s cap by default", () => {
    expect(first(8)).toEqual([100, 200, 400, 800, 1600, 2000, 2000, 2000]);
  });

  test("custom first wait and cap; a first wait above the cap raises the cap", () => {
    expect(first(4, { pollIntervalMs: 300, maxPollIntervalMs: 1000 })).toEqual([
      300, 600, 1000, 1000,
    ]);
    expect(first(3, { pollIntervalMs: 5000 })).toEqual([5000, 5000, 5000]);
  });

  test("10 minutes by default; 0 and Infinity mean no limit", () => {
    expect(planPolling().limitMs).toBe(600_000);
    expect(planPolling({ timeoutMs: 0 }).limitMs).toBe(Infinity);
    expect(planPolling({ timeoutMs: Infinity }).limitMs).toBe(Infinity);
  });

  test("rejects settings out of range", () => {
    expect(() => first(1, { pollIntervalMs: 0 })).toThrow(RangeError);
    expect(() => first(1, { maxPollIntervalMs: Number.NaN })).toThrow(/maxPollIntervalMs/);
    expect(() => first(1, { timeoutMs: -1 })).toThrow(/timeoutMs/);
  });
});
