import { fileURLToPath } from "node:url";
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../packages/emulator/index.js";

/** The small operation-schemas document the generic-layer tests run against. */
export const fixtureSchemas = fileURLToPath(
  new URL("./fixtures/operation-schemas.json", import.meta.url),
);

/** A parsed response: status, headers, and the body as JSON when it is JSON, else text. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/**
 * Starts an emulator with few logs unless asked otherwise (tests stay fast) that checks every
 * response it sends against the operation's response schema: `stop()` fails, listing them, when
 * any did not match, so every suite that uses this helper validates all of its traffic.
 */
export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ logs: { count: 600 }, checkResponses: true, ...options });
  const stop = emu.stop.bind(emu);
  emu.stop = async () => {
    await stop();
    const problems = emu.control.responseProblems();
    if (problems.length)
      throw new Error(`responses that break their schema:\n${problems.join("\n")}`);
  };
  return emu;
}

/** Sends a request below the emulator's API base with plain `fetch`. */
export async function call(
  emu: RunningEmulator,
  method: string,
  path: string,
  init: {
    token?: string;
    json?: unknown;
    body?: RequestInit["body"];
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(init.json);
  }
  const res = await fetch(emu.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Logs in with the emulator's key pair. */
export async function login(
  emu: RunningEmulator,
): Promise<{ access_token: string; refresh_token: string; user_id: string; device_id: string }> {
  const answer = await call(emu, "POST", "/auth/providers/mongodb-cloud/login", {
    json: { username: emu.credentials.publicKey, apiKey: emu.credentials.privateKey },
  });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** `/groups/<groupId>/apps/<appId>` of the seeded app, plus a suffix. */
export function appPath(emu: RunningEmulator, suffix = ""): string {
  return `/groups/${emu.groupId}/apps/${emu.appId}${suffix}`;
}
