import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { decodeJwt } from "jose";
import { afterEach, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const children: ChildProcess[] = [];

/** Spawns in its own process group, so the whole tree (npm, tsx, node) can be stopped together. */
function run(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

/** Resolves with stdout once the first line has arrived (and everything written until then). */
async function firstLine(child: ChildProcess): Promise<{ line: string; stdout: () => string }> {
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  while (!out.includes("\n")) {
    const [closed] = await Promise.race([
      once(child.stdout!, "data").then(() => [false]),
      once(child, "exit").then(() => [true]),
    ]);
    if (closed && !out.includes("\n")) throw new Error(`emulator exited before printing: ${err}`);
  }
  return { line: out.split("\n")[0]!, stdout: () => out };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
});

async function loginWith(info: {
  url: string;
  publicKey: string;
  privateKey: string;
}): Promise<Response> {
  return fetch(`${info.url}/auth/providers/mongodb-cloud/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: info.publicKey, apiKey: info.privateKey }),
  });
}

describe("npm run emulator", () => {
  it("prints exactly one JSON line with url, keys and ids, then serves the API", async () => {
    const child = run("npm", [
      "run",
      "--silent",
      "emulator",
      "--",
      "--token-ttl",
      "120",
      "--log-count",
      "40",
    ]);
    const { line, stdout } = await firstLine(child);
    const info = JSON.parse(line);
    expect(Object.keys(info)).toEqual(["url", "publicKey", "privateKey", "groupId", "appId"]);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/admin\/v3\.0$/);
    expect(info.groupId).toMatch(/^[0-9a-f]{24}$/);
    expect(info.appId).toMatch(/^[0-9a-f]{24}$/);
    const res = await loginWith(info);
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const claims = decodeJwt(access_token);
    expect(claims.exp! - claims.iat!).toBe(120);
    const logs = await fetch(`${info.url}/groups/${info.groupId}/apps/${info.appId}/logs`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(((await logs.json()) as { logs: unknown[] }).logs).toHaveLength(40);
    expect(stdout()).toBe(`${line}\n`);
    process.kill(-child.pid!, "SIGTERM");
    await once(child, "exit");
  });

  it("listens on the given port and stops cleanly on SIGTERM (exit code 0)", async () => {
    // A free port can be taken by a parallel test between probing and binding: then try another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = run(process.execPath, [
        "--import",
        "tsx",
        "scripts/emulator.ts",
        "--port",
        String(port),
        "--log-count",
        "1",
      ]);
      let line: string;
      try {
        ({ line } = await firstLine(child));
      } catch (error) {
        if (attempt < 3 && String(error).includes("EADDRINUSE")) continue;
        throw error;
      }
      expect(JSON.parse(line).url).toBe(`http://127.0.0.1:${port}/api/admin/v3.0`);
      child.kill("SIGTERM");
      const [code, signal] = await once(child, "exit");
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      return;
    }
  });

  it("refuses a bad flag with a usage error on stderr and exit code 2", async () => {
    const child = run(process.execPath, [
      "--import",
      "tsx",
      "scripts/emulator.ts",
      "--port",
      "http",
    ]);
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(err).toContain("--port must be an integer");
  });
});
