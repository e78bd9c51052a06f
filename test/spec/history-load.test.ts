/**
 * The corpus itself (every file matches the committed manifest) and the loader on the historical
 * versions whose YAML is unusual. Corpus tier: needs the history (`npm run corpus:fetch`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir, readManifest, unverified } from "../../spec/corpus.js";
import { historyVersions } from "../../spec/history.js";
import { loadSpecFile } from "../../spec/load.js";
import { caughtSpecError } from "../helpers/spec-error.js";

const version = (index: string) => historyVersions().find((v) => v.index === index)!.path;

describe("the corpus", () => {
  it("holds every version of the committed manifest, sha256 verified", () => {
    expect(unverified(readManifest(), corpusDir().dir).map((e) => e.file)).toEqual([]);
  });

  it("is listed by the shared folder's manifest exactly as by the project's (when shared)", () => {
    const shared = join(corpusDir().dir, "manifest.json");
    if (!existsSync(shared)) return; // a fetched corpus has only the project's manifest
    const theirs = JSON.parse(readFileSync(shared, "utf8")) as object[];
    expect(readManifest().map(({ path: _, ...rest }) => rest)).toEqual(theirs);
  });
});

describe("loadSpecFile on the history", () => {
  it("reports both duplicate `parameters` keys of version 025 with pointer and line", () => {
    const { findings } = loadSpecFile(version("025"));
    expect(findings.map(({ pointer, line }) => ({ pointer, line }))).toEqual([
      {
        pointer: "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1access_list/parameters",
        line: 1306,
      },
      {
        pointer:
          "#/paths/~1groups~1{groupId}~1apps~1{appId}~1security~1access_list~1{ipId}/parameters",
        line: 1345,
      },
    ]);
  });

  it("refuses version 059 naming line 655", () => {
    const error = caughtSpecError(() => loadSpecFile(version("059")));
    expect(error.code).toBe("parse-error");
    expect(error.at).toMatchObject({ line: 655, column: 19 });
    expect(error.message).toMatch(/059_2022-07-05_7e241a22\.yaml:655:19: not valid YAML/);
  });

  it("accepts the multi-line flow collections redocly rejects (073)", () => {
    expect(loadSpecFile(version("073")).doc.openapi).toMatch(/^3\./);
  });
});
