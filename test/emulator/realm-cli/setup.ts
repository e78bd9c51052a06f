/**
 * What realm-cli's tests take from their environment, mapped onto an emulator: the server URL
 * (`u.RealmServerURL()`), the project (`u.CloudGroupID()`), the API key (`u.CloudUsername()`,
 * `u.CloudAPIKey()`), `newAuthClient` and `setupTestApp`, plus error matchers.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../../packages/emulator/index.js";
import { rejectionOf } from "../../deploy/helpers.js";
import { start } from "../helpers.js";
import type { AppRef } from "./api-app-resources.js";
import { createApp, deleteApp, type RealmApp } from "./api-apps.js";
import { authenticate } from "./api-session.js";
import { RealmClient, ServerError } from "./client.js";

/** The server a test file runs against. */
export interface Server {
  emu: RunningEmulator;
  /** `u.RealmServerURL()`: scheme, host and port, below which the CLI adds `/api/admin/v3.0`. */
  url: string;
  /** `u.CloudGroupID()`. */
  groupId: string;
  /** `u.CloudUsername()` and `u.CloudAPIKey()`. */
  publicApiKey: string;
  privateApiKey: string;
}

/**
 * Starts one emulator for the file (`u.SkipUnlessRealmServerRunning` always finds it running),
 * with `options` (a stopped clock, for a test that reads a deployment twice).
 */
export function realmServer(options: EmulatorOptions = {}): Server {
  const server = {} as Server;
  beforeAll(async () => {
    const emu = await start(options);
    Object.assign(server, {
      emu,
      url: new URL(emu.url).origin,
      groupId: emu.groupId,
      publicApiKey: emu.credentials.publicKey,
      privateApiKey: emu.credentials.privateKey,
    });
  });
  afterAll(() => server.emu?.stop());
  return server;
}

/** `newAuthClient`: logs in with the project's API key and returns a client holding the session. */
export async function newAuthClient(server: Server): Promise<RealmClient> {
  const session = await authenticate(new RealmClient(server.url), "mongodb-cloud", {
    publicApiKey: server.publicApiKey,
    privateApiKey: server.privateApiKey,
  });
  return new RealmClient(server.url, session);
}

/** A test app, its client, and the reference the endpoint helpers take. */
export interface TestApp {
  client: RealmClient;
  app: RealmApp;
  ref: AppRef;
}

/**
 * `newAuthClient` then `setupTestApp` for the enclosing `describe`: the app is created before its
 * tests and deleted after them (a failed delete is only a warning in the Go helper, so it is here).
 */
export function setupTestApp(server: Server, name: string): TestApp {
  const ctx = {} as TestApp;
  setup(async () => {
    ctx.client = await newAuthClient(server);
    ctx.app = await createApp(ctx.client, server.groupId, name);
    ctx.ref = { client: ctx.client, groupId: server.groupId, appId: ctx.app._id };
  });
  afterAll(async () => {
    if (ctx.app) await deleteApp(ctx.client, server.groupId, ctx.app._id).catch(() => undefined);
  });
  return ctx;
}

/**
 * Runs a `describe`'s setup once before its tests, like the statements a Go test runs before its
 * `t.Run` cases. If it fails, every test of the block fails with that error (rather than being
 * reported as skipped, as a failed `beforeAll` would leave them).
 */
export function setup(fn: () => Promise<void>): void {
  let failure: { error: unknown } | undefined;
  beforeAll(async () => {
    try {
      await fn();
    } catch (error) {
      failure = { error };
    }
  });
  beforeEach(() => {
    if (failure) throw failure.error;
  });
}

/** `primitive.NewObjectID().Hex()`. */
export const newObjectId = (): string => randomBytes(12).toString("hex");

/** A failure as the Go tests compare it: the error's type and message, and a server error's code. */
export interface Failure {
  kind: string;
  message: string;
  code?: string;
}

/** `realm.ServerError{Message, Code}` (a missing `error_code` is the empty code). */
export const serverError = (message: string, code = ""): Failure => ({
  kind: "ServerError",
  message,
  code,
});

/** `realm.ErrInvalidSession(profile)`. */
export const invalidSession: Failure = { kind: "InvalidSessionError", message: "invalid session" };

/** `realm.ErrDraftNotFound`. */
export const draftNotFound: Failure = {
  kind: "DraftNotFoundError",
  message: "failed to find draft",
};

/** The error a call fails with, as a `Failure`; a call that succeeds fails the test. */
export async function caught(call: Promise<unknown>): Promise<Failure> {
  const error = await rejectionOf(call);
  if (error instanceof ServerError) return serverError(error.message, error.code);
  if (error instanceof Error) return { kind: error.name, message: error.message };
  throw error;
}

/** A clock for the emulator (`realmServer({ clock })`) that moves only when a test moves it. */
export function steppedClock(start = Date.now()): { now(): number; advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/**
 * Polls as the Go tests do (read, stop when `done`, else wait and read again), at most `attempts`
 * reads. Each wait moves the emulator's clock on by `intervalMs` instead of letting that time
 * pass: between two reads the server sees exactly that time go by, however slow the machine (a
 * real wait let a stall of the machine pass for time on the server, and a read meant to come
 * before an installation ended could come after it).
 */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  {
    attempts,
    intervalMs,
    clock,
  }: { attempts: number; intervalMs: number; clock: { advance(ms: number): void } },
): Promise<T> {
  let value = await read();
  for (let i = 1; i < attempts && !done(value); i++) {
    clock.advance(intervalMs);
    value = await read();
  }
  return value;
}
