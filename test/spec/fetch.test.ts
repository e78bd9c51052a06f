import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SpecError } from "../../spec/errors.js";
import { fetchPinnedSpec, MIRROR_ENV } from "../../spec/fetch.js";
import {
  projectRoot,
  readPinnedSpec,
  readSource,
  sha256,
  type SpecSource,
} from "../../spec/source.js";

// The verified copy `npm test` fetched first: the fast tier needs nothing beside the checkout.
const pinnedBytes = Buffer.from(readPinnedSpec().text);
const pin = readSource();
const work = mkdtempSync(join(tmpdir(), "fetch-test-"));
let dest: string;
let server: Server;
let base: string;
let closedPort: number;

/** A pin for other bytes, so behaviour after the hash check can be tested with small files. */
const pinFor = (bytes: string | Buffer, url = pin.url): SpecSource => ({
  ...pin,
  sha256: sha256(bytes),
  url,
});
const rejection = async (promise: Promise<unknown>): Promise<SpecError> => {
  const error = await promise.then(
    () => {
      throw new Error("expected a SpecError");
    },
    (e: unknown) => e,
  );
  if (!(error instanceof SpecError)) throw error;
  return error;
};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/spec.yaml") res.end(pinnedBytes);
    else res.writeHead(404, "Not Found").end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free and is closed again: connecting to it is refused at once.
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((done) => probe.close(done));
});
// The caller's mirror, put back after the file: the test files that run next in this process
// (the fast tier does not isolate them) see the environment they started with.
const callersMirror = process.env[MIRROR_ENV];
afterAll(async () => {
  if (callersMirror === undefined) delete process.env[MIRROR_ENV];
  else process.env[MIRROR_ENV] = callersMirror;
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  delete process.env[MIRROR_ENV];
  dest = join(mkdtempSync(join(work, "case-")), "spec", "openapi-admin-v3.yaml");
});

describe("fetchPinnedSpec", () => {
  it("takes the pinned bytes from a file and writes them to the destination", async () => {
    const from = join(work, "pinned.yaml");
    writeFileSync(from, pinnedBytes);
    const result = await fetchPinnedSpec({ from, dest });
    expect(result).toEqual({
      status: "fetched",
      file: dest,
      source: from,
      sha256: pin.sha256,
      bytes: pinnedBytes.length,
    });
    expect(readFileSync(dest).equals(pinnedBytes)).toBe(true);
  });

  it("refuses bytes that differ from the pin, with expected and actual, and writes nothing", async () => {
    const tampered = Buffer.concat([pinnedBytes, Buffer.from("\n# changed\n")]);
    const from = join(work, "tampered.yaml");
    writeFileSync(from, tampered);
    const error = await rejection(fetchPinnedSpec({ from, dest }));
    expect(error.code).toBe("hash-mismatch");
    expect(error.message).toContain(`expected ${pin.sha256}`);
    expect(error.message).toContain(`got ${sha256(tampered)}`);
    expect(error.message).toContain(from);
    expect(existsSync(dest)).toBe(false);
  });

  it("names a missing file", async () => {
    const from = join(work, "nowhere.yaml");
    const error = await rejection(fetchPinnedSpec({ from, dest }));
    expect(error.code).toBe("file-missing");
    expect(error.message).toBe(`${from}: cannot read the spec file`);
  });

  it("refuses pinned bytes that are not YAML, with the line, and writes nothing", async () => {
    const text = "openapi: 3.1.0\ninfo: {title: t\npaths: {}\n";
    const from = join(work, "broken.yaml");
    writeFileSync(from, text);
    const error = await rejection(fetchPinnedSpec({ from, dest, pin: pinFor(text) }));
    expect(error.code).toBe("parse-error");
    expect(error.at.line).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(
      new RegExp(`broken\\.yaml:${error.at.line}:\\d+: not valid YAML`),
    );
    expect(existsSync(dest)).toBe(false);
  });

  it("downloads from a URL and checks the hash", async () => {
    const result = await fetchPinnedSpec({ from: `${base}/spec.yaml`, dest });
    expect(result.status).toBe("fetched");
    expect(result.source).toBe(`${base}/spec.yaml`);
    expect(readFileSync(dest).equals(pinnedBytes)).toBe(true);
  });

  it("explains how to use --from when the URL is unreachable", async () => {
    const url = `http://127.0.0.1:${closedPort}/spec.yaml`;
    const error = await rejection(fetchPinnedSpec({ dest, pin: { ...pin, url } }));
    expect(error.code).toBe("fetch-failed");
    expect(error.message).toContain(`could not download ${url}`);
    expect(error.message).toContain(
      "npm run spec:fetch -- --from ../shared/spec/openapi-admin-v3.yaml",
    );
    expect(error.message).toContain(MIRROR_ENV);
  });

  it("explains how to use --from when the server answers an error status", async () => {
    const error = await rejection(fetchPinnedSpec({ from: `${base}/missing.yaml`, dest }));
    expect(error.code).toBe("fetch-failed");
    expect(error.message).toMatch(
      /answered HTTP 404 Not Found; use `npm run spec:fetch -- --from <file>`/,
    );
  });

  it("reads a mirror folder holding openapi-admin-v3.yaml, also through the environment variable", async () => {
    const mirror = join(work, "mirror-flat");
    mkdirSync(mirror, { recursive: true });
    writeFileSync(join(mirror, "openapi-admin-v3.yaml"), pinnedBytes);
    process.env[MIRROR_ENV] = mirror;
    const result = await fetchPinnedSpec({ dest });
    expect(result.source).toBe(join(mirror, "openapi-admin-v3.yaml"));
    expect(readFileSync(dest).equals(pinnedBytes)).toBe(true);
  });

  it("reads a mirror folder laid out as <commit>/<path>", async () => {
    const mirror = join(work, "mirror-tree");
    mkdirSync(join(mirror, pin.commit, "source"), { recursive: true });
    writeFileSync(join(mirror, pin.commit, pin.path), pinnedBytes);
    const result = await fetchPinnedSpec({ from: mirror, dest });
    expect(result.source).toBe(join(mirror, pin.commit, pin.path));
  });

  it("names what a mirror folder lacks", async () => {
    const mirror = join(work, "mirror-empty");
    mkdirSync(mirror, { recursive: true });
    const error = await rejection(fetchPinnedSpec({ from: mirror, dest }));
    expect(error.code).toBe("file-missing");
    expect(error.message).toBe(
      `${mirror}: the mirror folder has neither openapi-admin-v3.yaml nor ${pin.commit}/${pin.path}`,
    );
  });

  it("reuses a verified copy without touching the network", async () => {
    mkdirSync(join(dest, ".."), { recursive: true });
    writeFileSync(dest, pinnedBytes);
    // The pin's URL is a closed port: any download attempt would fail.
    const offline = { ...pin, url: `http://127.0.0.1:${closedPort}/spec.yaml` };
    const result = await fetchPinnedSpec({ dest, pin: offline });
    expect(result).toEqual({
      status: "present",
      file: dest,
      source: dest,
      sha256: pin.sha256,
      bytes: pinnedBytes.length,
    });
  });

  it("does not reuse a copy whose bytes changed", async () => {
    mkdirSync(join(dest, ".."), { recursive: true });
    writeFileSync(dest, "openapi: 3.1.0\n");
    const offline = { ...pin, url: `http://127.0.0.1:${closedPort}/spec.yaml` };
    const error = await rejection(fetchPinnedSpec({ dest, pin: offline }));
    expect(error.code).toBe("fetch-failed");
    expect(readFileSync(dest, "utf8")).toBe("openapi: 3.1.0\n");
  });
});

describe("npm run spec:fetch (scripts/fetch-spec.ts)", () => {
  const run = promisify(execFile);
  const tsx = join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs");
  const fetchSpec = async (...args: string[]) => {
    const env = { ...process.env };
    delete env[MIRROR_ENV];
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        [tsx, "scripts/fetch-spec.ts", ...args],
        { cwd: projectRoot, env },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };

  // These cases all fail before anything is written, so the real .cache/spec copy is untouched.
  it("exits 1 with the hash mismatch on one line", async () => {
    const from = join(work, "script-tampered.yaml");
    writeFileSync(from, "openapi: 3.1.0\n");
    const { code, stderr } = await fetchSpec("--from", from);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `error: ${from}: sha256 mismatch: expected ${pin.sha256} (spec/source.json), got ${sha256("openapi: 3.1.0\n")}`,
    );
    expect(stderr).toContain("nothing was written");
  });

  it("exits 1 naming a missing file", async () => {
    const from = join(work, "script-absent.yaml");
    const { code, stderr } = await fetchSpec("--from", from);
    expect(code).toBe(1);
    expect(stderr).toContain(`error: ${from}: cannot read the spec file`);
  });

  it("exits 1 telling how to use --from when the URL is unreachable", async () => {
    const { code, stderr } = await fetchSpec("--from", `http://127.0.0.1:${closedPort}/spec.yaml`);
    expect(code).toBe(1);
    expect(stderr).toContain("--from ../shared/spec/openapi-admin-v3.yaml");
  });
});
