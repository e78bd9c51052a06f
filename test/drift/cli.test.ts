import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT, HELP, runDriftCli } from "../../packages/drift/cli.js";
import { doc, thingOp } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "drift-cli-"));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};
const base = write(
  "base.json",
  doc(
    {
      "/a": { get: thingOp({ operationId: "adminGetA" }) },
      "/b": { get: thingOp({ operationId: "adminGetB" }) },
    },
    { servers: [{ url: "https://x.example" }] },
  ),
);
const breaking = write(
  "breaking.json",
  doc(
    { "/a": { get: thingOp({ operationId: "adminGetA" }) } },
    { servers: [{ url: "https://x.example" }] },
  ),
);
const potentially = write(
  "potentially.json",
  doc(
    {
      "/a": { get: thingOp({ operationId: "adminGetA" }) },
      "/b": { get: thingOp({ operationId: "adminGetB" }) },
    },
    { servers: [{ url: "https://y.example" }] },
  ),
);
const invalid = write(
  "invalid.yaml",
  "openapi: 3.1.0\ninfo:\n  title: t\n  description: a\n  plain: scalar\n continued: here\n",
);

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runDriftCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

let server: Server;
let url = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/spec.json") res.end(readFileSync(breaking));
    else res.writeHead(404, "Not Found").end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("drift command", () => {
  it("prints Markdown by default and exits 0 without --fail-on", async () => {
    const { code, stdout } = await run(base, breaking);
    expect(code).toBe(EXIT.ok);
    expect(stdout.split("\n")[0]).toBe("## ⚠️ API drift: breaking changes");
  });

  it("prints JSON with --format json", async () => {
    const { code, stdout } = await run(base, breaking, "--format", "json");
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(stdout) as {
      summary: unknown;
      changes: { rule: string; method: string }[];
    };
    expect(json.summary).toEqual({ breaking: 1, "potentially-breaking": 0, "non-breaking": 0 });
    expect(json.changes.map((c) => `${c.rule} ${c.method}`)).toEqual(["operation-removed GET"]);
  });

  it.each([
    ["breaking", "breaking", EXIT.failOn],
    ["breaking", "potentially-breaking", EXIT.failOn],
    ["potentially", "breaking", EXIT.ok],
    ["potentially", "potentially-breaking", EXIT.failOn],
    ["same", "potentially-breaking", EXIT.ok],
  ])("%s changes with --fail-on %s exit %i", async (kind, failOn, expected) => {
    const after = kind === "breaking" ? breaking : kind === "potentially" ? potentially : base;
    expect((await run(base, after, "--fail-on", failOn)).code).toBe(expected);
  });

  it("reports an unparseable spec with its line and exits 3, in either format", async () => {
    const md = await run(base, invalid);
    expect(md.code).toBe(EXIT.unusableInput);
    expect(md.stdout).toContain("The new spec `" + invalid + "` cannot be compared at line 6");
    expect(md.stderr).toMatch(
      /^drift: unusable input: new spec .*invalid\.yaml:6:\d+: not valid YAML/,
    );
    const json = await run(invalid, base, "--format", "json", "--fail-on", "breaking");
    expect(json.code).toBe(EXIT.unusableInput);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { side: "old", reason: "parse-error", line: 6 },
    });
  });

  it("exits 3 on a spec whose $refs dangle, instead of reporting its schemas as removed", async () => {
    const schema = { $ref: "#/components/schemas/Thing" };
    const ok = { "200": { description: "ok", content: { "application/json": { schema } } } };
    const withThing = write(
      "thing.json",
      doc(
        { "/a": { get: thingOp({ responses: ok }) } },
        {
          components: { schemas: { Thing: { type: "object" } } },
        },
      ),
    );
    const dangling = write("dangling.json", doc({ "/a": { get: thingOp({ responses: ok }) } }));
    const { code, stdout, stderr } = await run(withThing, dangling, "--format", "json");
    expect(code).toBe(EXIT.unusableInput);
    expect(JSON.parse(stdout)).toMatchObject({ error: { side: "new", reason: "bad-ref" } });
    expect(stderr).toBe(
      `drift: unusable input: new spec ${dangling} ` +
        "#/paths/~1a/get/responses/200/content/application~1json/schema/$ref: " +
        "$ref #/components/schemas/Thing does not resolve\n",
    );
  });

  it("exits 3 on a spec without the OpenAPI structure, naming the pointer", async () => {
    const shapeless = write("shapeless.yaml", "openapi: 3.0.1\ninfo: {title: t}\npaths: string\n");
    const { code, stdout } = await run(base, shapeless, "--format", "json");
    expect(code).toBe(EXIT.unusableInput);
    expect(JSON.parse(stdout)).toMatchObject({
      error: { side: "new", reason: "bad-shape", line: 3, pointer: "#/paths" },
    });
  });

  it("reports a missing file as unusable input", async () => {
    const { code, stdout } = await run(join(dir, "nope.yaml"), base, "--format", "json");
    expect(code).toBe(EXIT.unusableInput);
    expect(JSON.parse(stdout)).toMatchObject({ error: { side: "old", reason: "file-missing" } });
  });

  it("reads specs over http (loopback) and reports a failed download as unusable input", async () => {
    const ok = await run(base, `${url}/spec.json`, "--format", "json");
    expect(ok.code).toBe(EXIT.ok);
    expect((JSON.parse(ok.stdout) as { summary: { breaking: number } }).summary.breaking).toBe(1);
    const missing = await run(base, `${url}/missing.json`, "--format", "json");
    expect(missing.code).toBe(EXIT.unusableInput);
    expect(JSON.parse(missing.stdout)).toMatchObject({
      error: {
        side: "new",
        reason: "fetch-failed",
        message: "download failed: HTTP 404 Not Found",
      },
    });
  });

  it("writes the report to --output instead of stdout", async () => {
    const out = join(dir, "report.md");
    const { code, stdout } = await run(base, breaking, "--output", out);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe("");
    expect(readFileSync(out, "utf8").startsWith("## ⚠️ API drift: breaking changes")).toBe(true);
  });

  it.each([
    [[base], "expected <old-spec> <new-spec>, got 1 argument(s)"],
    [[base, breaking, "--output", join(dir, "missing-dir", "r.md")], "cannot write --output"],
    [[base, breaking, "--format", "html"], '--format must be md or json, not "html"'],
    [
      [base, breaking, "--fail-on", "minor"],
      '--fail-on must be breaking or potentially-breaking, not "minor"',
    ],
    [[base, breaking, "--colour"], "Unknown option '--colour'"],
  ])("rejects a bad command line with exit 2: %j", async (argv, message) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(message);
  });

  it("documents the exit codes in --help", async () => {
    const { code, stdout } = await run("--help");
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe(HELP);
    for (const value of Object.values(EXIT))
      expect(HELP).toMatch(new RegExp(`^ {2}${value} `, "m"));
  });
});

describe("scripts/drift.ts as a process", () => {
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
  const script = (...args: string[]) =>
    spawnSync(tsx, ["scripts/drift.ts", ...args], { encoding: "utf8", timeout: 60_000 });

  it("exits 1 on breaking changes with --fail-on breaking, printing the report", () => {
    const child = script(base, breaking, "--fail-on", "breaking");
    expect(child.status).toBe(EXIT.failOn);
    expect(child.stdout).toContain("- **operation-removed** (1)");
  });

  it("exits 3 on an unparseable spec", () => {
    const child = script(invalid, base);
    expect(child.status).toBe(EXIT.unusableInput);
    expect(child.stderr).toContain("not valid YAML");
  });
});
