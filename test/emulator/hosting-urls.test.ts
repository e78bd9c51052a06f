/**
 * The listing's `url` of each asset: every segment percent-encoded as `encodeURIComponent` does,
 * so a path of URL-safe characters is its own encoding (the listing takes it as it is, without
 * splitting it) and any other is encoded segment by segment. Both serve the bytes.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { appPath, call, login, start } from "./helpers.js";
import { multipart, uploadParts } from "./multipart.js";

let emu: RunningEmulator;
let token: string;

beforeAll(async () => {
  emu = await start({ logs: { count: 0 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu.stop());

const PATHS = ["/plain-(1)_~!*'.v2/x.txt", "/a b/ü#?&%.txt", "/q/semi;colon,comma+plus=eq@at$.txt"];

it("lists each asset's url encoded segment by segment, and serves it there", async () => {
  for (const path of PATHS) {
    const { body, contentType } = multipart(uploadParts(path, `content of ${path}`));
    const answer = await call(emu, "PUT", appPath(emu, "/hosting/assets/asset"), {
      token,
      body,
      headers: { "content-type": contentType },
    });
    expect(answer.status, answer.text).toBe(204);
  }
  const listed = await call(emu, "GET", appPath(emu, "/hosting/assets?recursive=true"), { token });
  const byPath = new Map<string, string>(
    (listed.body as { path: string; url: string }[]).map((a) => [a.path, a.url]),
  );
  for (const path of PATHS) {
    const url = byPath.get(path)!;
    const encoded = path.split("/").map(encodeURIComponent).join("/");
    expect(url.endsWith(encoded), `${url} ends with ${encoded}`).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`content of ${path}`);
  }
  // A safe path is its own encoding; the others changed.
  expect(byPath.get(PATHS[0]!)!.endsWith(PATHS[0]!)).toBe(true);
  expect(byPath.get(PATHS[1]!)!.endsWith(PATHS[1]!)).toBe(false);
});
