import { createAdminClient, type AdminClient } from "../../packages/client/create-admin-client.js";
import type { AdminClientOptions } from "../../packages/client/runtime.js";
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../packages/emulator/index.js";

export { fakeClock } from "../client/helpers/fake-clock.js";

/**
 * A fresh emulator (no logs: these tests never read them) and a client logged in to it on first
 * use. Give the test's fake clock as `emulator.clock` and deployments advance by the same time the
 * waits sleep on: statuses are exact, never timed.
 */
export async function startWorld(
  client: AdminClientOptions = {},
  emulator: EmulatorOptions = {},
): Promise<{
  emu: RunningEmulator;
  admin: AdminClient;
  ids: { groupId: string; appId: string };
}> {
  const emu = await startEmulator({ logs: { count: 0 }, ...emulator });
  const admin = createAdminClient({ baseUrl: emu.url, credentials: emu.credentials, ...client });
  return { emu, admin, ids: { groupId: emu.groupId, appId: emu.appId } };
}

/** The template paths the emulator's faults match on. */
export const paths = {
  drafts: "/groups/{groupId}/apps/{appId}/drafts",
  draft: "/groups/{groupId}/apps/{appId}/drafts/{draftId}",
  deployDraft: "/groups/{groupId}/apps/{appId}/drafts/{draftId}/deployment",
  deployment: "/groups/{groupId}/apps/{appId}/deployments/{deploymentId}",
};

/** Resolves with what `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, got a result");
}

/** Creates a Value in the app (the change the tests make inside drafts). */
export function createValue(
  admin: AdminClient,
  ids: { groupId: string; appId: string },
  name: string,
) {
  return admin.values.createValue({
    ...ids,
    body: { name, private: false, value: `${name}-value` },
  });
}

/** Names of the app's Values. */
export async function valueNames(admin: AdminClient, ids: { groupId: string; appId: string }) {
  return (await admin.values.listValues(ids)).map((v) => v.name);
}

/** The deploy call: `POST …/drafts/{draftId}/deployment`. */
export const isDeployCall = (request: Request) =>
  request.method === "POST" && /\/drafts\/[^/]+\/deployment$/.test(new URL(request.url).pathname);

/** The draft's creation: `POST …/drafts`. */
export const isDraftCreation = (request: Request) =>
  request.method === "POST" && /\/drafts$/.test(new URL(request.url).pathname);

/** What undici throws when the server resets the connection. */
export function resetError(): Error {
  const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
  return new TypeError("fetch failed", { cause });
}

/**
 * A `fetch` under which the requests `lost` picks reach the emulator, which acts on them, and
 * their answers are then read and replaced by what `instead` returns or throws, as a server or a
 * connection failing after the work was done.
 */
export function answerLost(
  lost: (request: Request) => boolean,
  instead: (request: Request) => Response | never,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await globalThis.fetch(request);
    if (!lost(request)) return response;
    await response.arrayBuffer();
    return instead(request);
  };
}

/**
 * For `answerLost`: the caller aborts `controller` once the server has acted, so the call ends
 * with the caller's abort while its request is in flight.
 */
export function abortedInFlight(controller: AbortController, call: string) {
  return (request: Request): never => {
    controller.abort(new Error("stopped by the user"));
    request.signal.throwIfAborted();
    throw new Error(`the caller's abort did not reach the ${call}'s signal`);
  };
}
