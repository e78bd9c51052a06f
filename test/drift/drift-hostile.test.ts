/**
 * Hostile specs given to the drift command (specprobe): each is unusable input, reported with exit
 * 3 naming the side and file, or compared with the names the generator really uses; none is an
 * internal error (exit 70) or a hang.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT, runDriftCli } from "../../packages/drift/cli.js";
import { doc, thingOp } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "drift-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runDriftCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const base = write("base.json", doc({ "/a": { get: thingOp({ operationId: "getA" }) } }));

describe("unusable input, named by side", () => {
  it("a $ref with a malformed percent-escape does not resolve (was URIError, exit 70)", async () => {
    const bad = write(
      "bad-escape.json",
      doc(
        { "/a": { get: thingOp({ operationId: "getA" }) } },
        {
          components: {
            schemas: {
              A: { type: "object", properties: { x: { $ref: "#/components/schemas/a%zz" } } },
            },
          },
        },
      ),
    );
    const { code, stdout } = await run(base, bad, "--format", "json");
    expect(code).toBe(EXIT.unusableInput);
    const { error } = JSON.parse(stdout) as { error: Record<string, unknown> };
    expect(error).toMatchObject({
      side: "new",
      source: bad,
      pointer: "#/components/schemas/A/properties/x/$ref",
    });
    expect(error["message"]).toContain("$ref #/components/schemas/a%zz does not resolve");
  });

  it("a YAML alias bomb is refused at once, naming the old side (was a hang)", async () => {
    let levels = '  x-l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i <= 9; i++)
      levels += `  x-l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(",")}]\n`;
    const bomb = write(
      "bomb.yaml",
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ninfo-x:\n" +
        levels +
        "paths:\n  /a:\n    get:\n      operationId: getA\n      tags: [x]\n      responses:\n" +
        "        '200':\n          description: ok\n          content:\n            application/json:\n" +
        "              schema: {type: object, example: *l9}\n",
    );
    const { code, stderr } = await run(bomb, base);
    expect(code).toBe(EXIT.unusableInput);
    expect(stderr).toContain(`old spec ${bomb}: not usable YAML: its aliases (*name) expand`);
  });
});

describe("operationIds named like Object.prototype members", () => {
  it("keep their own method names in the client surface", async () => {
    const named = write(
      "constructor.json",
      doc({ "/a": { get: thingOp({ operationId: "constructor" }) } }),
    );
    const { code, stdout } = await run(base, named, "--format", "json");
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(stdout) as { surface: { methods: { renamed: unknown[] } } };
    expect(report.surface.methods.renamed).toEqual([
      { from: "things.getA", to: "things.constructor" },
    ]);
  });
});

describe("large specs", () => {
  it("a schema whose example is an array of 300,000 items is compared (was RangeError, exit 70)", async () => {
    const responses = {
      "200": {
        description: "ok",
        content: { "application/json": { schema: { $ref: "#/components/schemas/S" } } },
      },
    };
    const big = doc(
      { "/a": { get: thingOp({ operationId: "getA", responses }) } },
      {
        components: {
          schemas: {
            S: { type: "object", example: Array.from({ length: 300_000 }, (_, i) => i) },
          },
        },
      },
    );
    const renamed = structuredClone(big);
    (renamed.paths as Record<string, { get: { operationId: string } }>)["/a"]!.get.operationId =
      "getB";
    const { code, stdout } = await run(
      write("big-old.json", big),
      write("big-new.json", renamed),
      "--format",
      "json",
    );
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(stdout) as { summary: Record<string, number> };
    expect(report.summary).toEqual({ breaking: 1, "potentially-breaking": 0, "non-breaking": 0 });
  });
});
