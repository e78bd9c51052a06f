import { describe, expect, it } from "vitest";
import { SpecError } from "../../spec/errors.js";
import { responseBodyFindings } from "../../spec/findings.js";
import { repairSpec, type Repair } from "../../spec/repair.js";
import { openapi } from "../helpers/repair-table.js";

const fact = (target: string, inPinned: boolean) => ({
  target,
  change: "c",
  evidence: [{ kind: "docs" as const, ref: "seed 002: an example" }],
  inPinned,
});

/** A semantic repair that reports the pointers it is given, whatever its facts say. */
const reporting = (reports: string[], facts = [fact("#/a", true), fact("#/b", false)]): Repair => ({
  id: "demo",
  defects: ["demo"],
  title: "demo",
  inPinned: true,
  facts,
  apply(_doc, ctx) {
    for (const p of reports) ctx.fixed(p, "changed");
  },
});

describe("repairSpec and the facts of a semantic repair", () => {
  it("accepts changes its facts name", () => {
    const { results } = repairSpec(openapi({}), { repairs: [reporting(["#/a", "#/b"])] });
    expect(results[0]!.fixes.map((f) => f.pointer)).toEqual(["#/a", "#/b"]);
  });

  it("refuses a change no fact names, saying which repair and where", () => {
    const run = () =>
      repairSpec(openapi({}), { repairs: [reporting(["#/a", "#/c"])], file: "x.yaml" });
    expect(run).toThrow(SpecError);
    expect(run).toThrow(/x\.yaml #\/c: repair "demo" changed #\/c, which none of its facts names/);
  });

  it("in pinned mode, fails when a fact marked inPinned did not apply (upstream fixed it)", () => {
    const run = () => repairSpec(openapi({}), { repairs: [reporting(["#/b"])], mode: "pinned" });
    expect(run).toThrow(/no longer has the defect fixed by "demo" at #\/a/);
    // Lenient (history) mode: a version without that defect is fine.
    expect(repairSpec(openapi({}), { repairs: [reporting(["#/b"])] }).results[0]!.status).toBe(
      "applied",
    );
  });

  it("in pinned mode, a fact for historical versions only need not apply", () => {
    const { results } = repairSpec(openapi({}), { repairs: [reporting(["#/a"])], mode: "pinned" });
    expect(results[0]!.status).toBe("applied");
  });
});

describe("responseBodyFindings", () => {
  const APP = "/groups/{groupId}/apps/{appId}";
  const doc = openapi({
    paths: {
      [`${APP}/rules/{ruleId}`]: {
        put: { operationId: "adminUpdateRule", responses: { "200": { description: "ok" } } },
        delete: { responses: { "204": { description: "gone" } } },
        get: {
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: {} } } },
            "404": { description: "missing" },
          },
        },
      },
      [`${APP}/other`]: { post: { responses: { "201": { $ref: "#/components/responses/R" } } } },
    },
  });

  it("names each 2xx response other than 204 that has no content, with its pointer", () => {
    expect(responseBodyFindings(doc)).toEqual([
      {
        pointer: "#/paths/~1groups~1{groupId}~1apps~1{appId}~1rules~1{ruleId}/put/responses/200",
        message:
          "PUT /groups/{groupId}/apps/{appId}/rules/{ruleId} 200 (adminUpdateRule): no content declared and no evidence of the body; its result stays untyped",
      },
    ]);
  });
});
