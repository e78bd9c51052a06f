/**
 * The corpus manifest committed in the project, where the corpus is looked for, and the download
 * of missing versions by repository, commit and path with their sha256 checked (over loopback:
 * tests never touch the internet).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  corpusDir,
  fetchCorpus,
  readManifest,
  SHARED_ENV,
  unverified,
  type CorpusEntry,
} from "../../spec/corpus.js";
import { SpecError } from "../../spec/errors.js";
import { readSource, sha256 } from "../../spec/source.js";

describe("the committed manifest", () => {
  const manifest = readManifest();

  it("lists 147 versions, numbered in order, the newest being the pinned spec", () => {
    expect(manifest).toHaveLength(147);
    manifest.forEach((entry, i) => {
      expect(entry.file.slice(0, 4)).toBe(`${String(i).padStart(3, "0")}_`);
      expect(entry.file).toBe(
        `${entry.file.slice(0, 3)}_${entry.date}_${entry.commit.slice(0, 8)}.yaml`,
      );
      expect(entry.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.path).toBe("source/openapi-admin-v3.yaml");
      expect(["mongodb/docs-realm", "mongodb/docs-app-services"]).toContain(entry.repo);
    });
    const pin = readSource();
    expect(manifest.at(-1)).toMatchObject({
      commit: pin.commit,
      sha256: pin.sha256,
      path: pin.path,
    });
  });
});

describe("where the corpus is read from", () => {
  it("the shared folder named by the environment comes first", () => {
    const before = process.env[SHARED_ENV];
    process.env[SHARED_ENV] = "/somewhere/shared";
    try {
      expect(corpusDir()).toEqual({ dir: "/somewhere/shared/spec/history", shared: true });
    } finally {
      if (before === undefined) delete process.env[SHARED_ENV];
      else process.env[SHARED_ENV] = before;
    }
  });
});

describe("fetchCorpus", () => {
  const texts = {
    a: "openapi: 3.0.1\n# a\n",
    b: "openapi: 3.0.1\n# b\n",
    c: "openapi: 3.1.0\n# c\n",
  };
  const entry = (name: keyof typeof texts, repo = "org/docs"): CorpusEntry => ({
    date: "2020-01-01",
    repo,
    commit: `${name}`.repeat(40),
    path: "source/spec.yaml",
    subject: name,
    sha256: sha256(texts[name]),
    bytes: texts[name].length,
    file: `00${Object.keys(texts).indexOf(name)}_${name}.yaml`,
  });
  const entries = [entry("a"), entry("b", "other/repo"), entry("c")];
  /** What the mirror serves, by URL path; c is first served with other bytes, then fixed. */
  const served = new Map<string, string>();
  const requests: string[] = [];
  let server: Server;
  let base: string;
  const work = mkdtempSync(join(tmpdir(), "corpus-test-"));

  beforeAll(async () => {
    served.set(`/org/docs/${"a".repeat(40)}/source/spec.yaml`, texts.a);
    served.set(`/org/docs/${"c".repeat(40)}/source/spec.yaml`, "tampered\n");
    server = createServer((req, res) => {
      requests.push(req.url!);
      const body = served.get(req.url!);
      if (body === undefined) res.writeHead(404, "Not Found").end();
      else res.end(body);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(work, { recursive: true, force: true });
  });

  it("writes what verifies, refuses what does not, and names every failure with its URL", async () => {
    const dir = join(work, "corpus");
    const error = await fetchCorpus({ dir, baseUrl: base, entries }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as SpecError).message;
    expect(message).toContain("2 of 3 corpus versions could not be fetched:");
    expect(message).toContain(
      `001_b.yaml from ${base}other/repo/${"b".repeat(40)}/source/spec.yaml: HTTP 404 Not Found`,
    );
    expect(message).toContain(
      `002_c.yaml from ${base}org/docs/${"c".repeat(40)}/source/spec.yaml: sha256 ${sha256("tampered\n")}, expected ${entries[2]!.sha256}; not written`,
    );
    expect(message).toContain(`offline? set ${SHARED_ENV}`);
    expect(readFileSync(join(dir, "000_a.yaml"), "utf8")).toBe(texts.a);
    expect(existsSync(join(dir, "001_b.yaml"))).toBe(false);
    expect(existsSync(join(dir, "002_c.yaml"))).toBe(false);
    expect(unverified(entries, dir).map((e) => e.file)).toEqual(["001_b.yaml", "002_c.yaml"]);
  });

  it("fetches again only what is missing or wrong", async () => {
    const dir = join(work, "corpus");
    served.set(`/other/repo/${"b".repeat(40)}/source/spec.yaml`, texts.b);
    served.set(`/org/docs/${"c".repeat(40)}/source/spec.yaml`, texts.c);
    requests.length = 0;
    const result = await fetchCorpus({ dir, baseUrl: base, entries, concurrency: 1 });
    expect(result).toEqual({ dir, fetched: 2, present: 1 });
    expect(requests).toEqual([
      `/other/repo/${"b".repeat(40)}/source/spec.yaml`,
      `/org/docs/${"c".repeat(40)}/source/spec.yaml`,
    ]);
    expect(unverified(entries, dir)).toEqual([]);
    requests.length = 0;
    expect(await fetchCorpus({ dir, baseUrl: base, entries })).toEqual({
      dir,
      fetched: 0,
      present: 3,
    });
    expect(requests).toEqual([]);
  });
});
