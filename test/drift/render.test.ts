import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../spec/json.js";
import type { DriftResult } from "../../packages/drift/drift.js";
import { renderJson, renderJsonError } from "../../packages/drift/render/json.js";
import {
  MAX_ITEMS,
  renderMarkdown,
  renderMarkdownError,
} from "../../packages/drift/render/markdown.js";
import { DriftInputError } from "../../packages/drift/source.js";
import { compare, doc, thingOp } from "./helpers.js";

function result(before: OpenApiDocument, after: OpenApiDocument): DriftResult {
  const info = (source: string, c: string) => ({
    source,
    sha256: c.repeat(64),
    openapi: "3.1.0",
    repairs: [],
  });
  return {
    ...compare(before, after),
    specs: { old: info("old.yaml", "a"), new: info("new.yaml", "b") },
  };
}

const ops = (n: number, described = "x") =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `/r${String(i).padStart(2, "0")}`,
      { get: thingOp({ operationId: `adminGetR${i}`, description: described }) },
    ]),
  );

describe("Markdown report", () => {
  it("renders a full PR comment: headline, sections by severity, docs in one line, client surface", () => {
    const before = doc(
      { ...ops(2), "/things": { post: thingOp() } },
      { servers: [{ url: "https://a.example" }] },
    );
    const after = doc(
      { ...ops(2, "y"), "/new": { get: thingOp({ operationId: "adminGetNew" }) } },
      { servers: [{ url: "https://b.example" }] },
    );
    expect(renderMarkdown(result(before, after))).toBe(
      [
        "## ⚠️ API drift: breaking changes",
        "",
        "**1 breaking**, 1 potentially breaking, 3 non-breaking. Operations 3 → 3: 1 added, 1 removed, 0 changed.",
        "",
        "### Breaking (1)",
        "",
        "- **operation-removed** (1)",
        "  - `POST /things`: operation `adminCreateThing` removed",
        "",
        "### Potentially breaking (1)",
        "",
        "- **server-url-changed** (1)",
        "  - (servers): server `https://a.example` -> `https://b.example`",
        "",
        "### Non-breaking (3)",
        "",
        "- **operation-added** (1)",
        "  - `GET /new`: operation `adminGetNew` added",
        "- Documentation only: 2 operations.",
        "",
        "### Generated client surface",
        "",
        "- Methods added (1): `things.getNew`",
        "- Methods removed (1): `things.createThing`",
        "",
        "<sub>old: `old.yaml` (sha256 aaaaaaaaaaaa), new: `new.yaml` (sha256 bbbbbbbbbbbb); both repaired before comparison. Full list: the same command with `--format json`.</sub>",
        "",
      ].join("\n"),
    );
  });

  it("truncates long lists with a count", () => {
    const md = renderMarkdown(result(doc(ops(MAX_ITEMS + 3)), doc({})));
    expect(md).toContain(`- **operation-removed** (${MAX_ITEMS + 3})`);
    expect(md.match(/^ {2}- `GET \/r\d+`/gm)).toHaveLength(MAX_ITEMS);
    expect(md).toContain("  - … and 3 more");
    expect(md).toContain(`- Methods removed (${MAX_ITEMS + 3}): `);
    expect(md).toContain(" and 3 more\n");
  });

  it("says so when nothing changed", () => {
    const md = renderMarkdown(result(doc(ops(1)), doc(ops(1))));
    expect(md.split("\n").slice(0, 3)).toEqual([
      "## ✅ API drift: no changes",
      "",
      "**0 breaking**, 0 potentially breaking, 0 non-breaking. Operations 1 → 1: 0 added, 0 removed, 0 changed.",
    ]);
    expect(md).toContain("No method or model type added, removed or renamed.");
  });

  it("reports unusable input with its line", () => {
    const error = new DriftInputError(
      "new",
      "059.yaml",
      "parse-error",
      "not valid YAML: bad",
      655,
      19,
    );
    expect(renderMarkdownError(error)).toBe(
      "## ⛔ API drift: unusable input\n\nThe new spec `059.yaml` cannot be compared at line 655, column 19: not valid YAML: bad (parse-error).\n",
    );
  });
});

describe("JSON report", () => {
  it("has summary, operations, changes (method upper case), surface and specs", () => {
    const json = JSON.parse(renderJson(result(doc(ops(1)), doc({})))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["summary", "operations", "changes", "surface", "specs"]);
    expect(json.summary).toEqual({ breaking: 1, "potentially-breaking": 0, "non-breaking": 0 });
    expect(json.changes).toEqual([
      {
        rule: "operation-removed",
        severity: "breaking",
        method: "GET",
        path: "/r00",
        operationId: "adminGetR0",
        location: null,
        detail: "operation `adminGetR0` removed",
      },
    ]);
  });

  it("describes unusable input", () => {
    const error = new DriftInputError(
      "old",
      "x.yaml",
      "file-missing",
      "cannot read the file (ENOENT)",
    );
    expect(JSON.parse(renderJsonError(error))).toEqual({
      error: {
        code: "unusable-input",
        side: "old",
        source: "x.yaml",
        reason: "file-missing",
        message: "cannot read the file (ENOENT)",
        line: null,
        column: null,
        pointer: null,
      },
    });
  });

  it("names the JSON pointer of unusable input when known", () => {
    const error = new DriftInputError("new", "y.yaml", "bad-shape", "must be a mapping", 3, 1, {
      pointer: "#/paths",
    });
    expect(error.message).toBe("new spec y.yaml:3:1 #/paths: must be a mapping");
    expect(JSON.parse(renderJsonError(error))).toMatchObject({
      error: { reason: "bad-shape", line: 3, pointer: "#/paths" },
    });
    expect(renderMarkdownError(error)).toContain(
      "The new spec `y.yaml` cannot be compared at line 3, column 1 (`#/paths`): must be a mapping (bad-shape).",
    );
  });
});
