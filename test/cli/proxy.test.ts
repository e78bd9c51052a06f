/**
 * The CLI through a proxy named by the environment, as corporate networks need it: a loopback
 * proxy (CONNECT tunnels, which undici's proxy agent uses for every target) sees each connection;
 * `NO_PROXY` hosts are reached directly; `HTTPS_PROXY` carries https targets, with the proxy's
 * own credentials sent to it and never printed; a malformed proxy URL is a usage error.
 */
import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../packages/emulator/index.js";
import { emulatorEnv, expectNoSecretPrinted, runCli } from "./helpers.js";

const PROXY_PASSWORD = "pr0xy-pa55word";

interface Tunnel {
  target: string;
  authorization: string | undefined;
}

let emu: RunningEmulator;
let proxy: Server;
let proxyUrl: string;
const tunnels: Tunnel[] = [];
const sockets = new Set<Socket>();
let refuse = false;

beforeAll(async () => {
  emu = await startEmulator({ logs: { count: 0 } });
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    tunnels.push({ target: req.url!, authorization: req.headers["proxy-authorization"] });
    if (refuse) {
      client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const [host, port] = req.url!.split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", close);
    client.on("error", close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  expectNoSecretPrinted([emu.credentials.publicKey, emu.credentials.privateKey, PROXY_PASSWORD]);
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await emu.stop();
});

const emulatorTarget = () => new URL(emu.url).host;

describe("appservices-admin through a proxy", () => {
  it("HTTP_PROXY: every request goes through the proxy", async () => {
    tunnels.length = 0;
    const result = await runCli(
      ["values", "list", "--json"],
      emulatorEnv(emu, { HTTP_PROXY: proxyUrl }),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(tunnels.map((t) => t.target)).toContain(emulatorTarget());
  });

  it("NO_PROXY: listed hosts are reached directly", async () => {
    tunnels.length = 0;
    const result = await runCli(
      ["values", "list"],
      emulatorEnv(emu, { http_proxy: proxyUrl, NO_PROXY: "localhost,127.0.0.1" }),
    );
    expect(result.code).toBe(0);
    expect(tunnels).toEqual([]);
  });

  it("HTTPS_PROXY carries https targets with the proxy's credentials, which are never printed", async () => {
    tunnels.length = 0;
    refuse = true;
    const withUser = proxyUrl.replace("http://", `http://ci:${PROXY_PASSWORD}@`);
    const result = await runCli(
      ["values", "list", "--verbose"],
      emulatorEnv(emu, {
        HTTPS_PROXY: withUser,
        APPSERVICES_BASE_URL: "https://admin.example.test/api/admin/v3.0",
      }),
    );
    refuse = false;
    expect(result.code).toBe(6);
    expect(tunnels.map((t) => t.target)).toContain("admin.example.test:443");
    expect(tunnels[0]!.authorization).toBe(
      `Basic ${Buffer.from(`ci:${PROXY_PASSWORD}`).toString("base64")}`,
    );
    expect(result.stderr).toMatch(
      /^appservices-admin: POST \/auth\/providers\/mongodb-cloud\/login failed/m,
    );
    expect(result.stderr).toContain("debug: proxy from HTTPS_PROXY");
  });

  it("a proxy variable that is not a URL is a usage error (exit 2), its value not echoed", async () => {
    const result = await runCli(["values", "list"], emulatorEnv(emu, { HTTPS_PROXY: "not a url" }));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "appservices-admin: $HTTPS_PROXY must be a proxy URL such as http://proxy.example:3128 (see --help)\n",
    );
  });

  it("a proxy password with a stray % is a usage error (exit 2) naming the variable, not the password", async () => {
    const env = emulatorEnv(emu, { HTTPS_PROXY: "http://ci:pr0xy%zzpass@127.0.0.1:9" });
    const result = await runCli(["values", "list"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "appservices-admin: $HTTPS_PROXY: the proxy URL's password has a % that starts no %XX escape (write a % as %25) (see --help)\n",
    );
  });
});
