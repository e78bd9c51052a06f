import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { driftBetween, type DriftResult } from "../../packages/drift/drift.js";
import { renderJson } from "../../packages/drift/render/json.js";
import { renderMarkdown } from "../../packages/drift/render/markdown.js";
import { RULE_CATALOGUE } from "../../packages/drift/rules/index.js";
import {
  DriftInputError,
  loadSpec,
  prepareSpec,
  type PreparedSpec,
} from "../../packages/drift/source.js";
import { historyVersions } from "../../spec/history.js";
import { SEVERITIES, severityRank } from "../../packages/drift/types.js";
import { workBudget } from "../helpers/work-budget.js";
import { line } from "./helpers.js";

// Throws, saying how to get the corpus, when it is missing: these suites fail rather than skip.
const files = historyVersions().map((v) => v.path);
const byNumber = (n: string) => files.find((f) => basename(f).startsWith(`${n}_`))!;

/** Checks everything a report promises about its shape and order. */
function expectWellFormed(result: DriftResult): void {
  const severities = new Map(RULE_CATALOGUE.map((r) => [r.id, r.severity]));
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [s, result.changes.filter((c) => c.severity === s).length]),
  );
  expect(result.summary).toEqual(counts);
  for (const c of result.changes) {
    expect(severities.get(c.rule), c.rule).toBe(c.severity);
    expect(c.method === null || /^[A-Z]+$/.test(c.method), c.method ?? "").toBe(true);
    expect(c.path === null || c.path.startsWith("/"), c.path ?? "").toBe(true);
    expect(typeof c.detail === "string" && c.detail.length > 0).toBe(true);
  }
  const keys = result.changes.map(
    (c) => [severityRank(c.severity), c.path ?? "", c.method ?? ""] as const,
  );
  for (let i = 1; i < keys.length; i++) {
    const [a, b] = [keys[i - 1]!, keys[i]!];
    const ordered =
      a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
    expect(ordered, `changes ${i - 1} and ${i} out of order`).toBe(true);
  }
  expect(JSON.parse(renderJson(result))).toHaveProperty("summary");
  expect(renderMarkdown(result)).toMatch(/^## (✅|⚠️) API drift: /);
}

/** Prepares a version, or returns the input error it produces. */
function prepare(file: string): PreparedSpec | DriftInputError {
  try {
    return prepareSpec(readFileSync(file, "utf8"), file, "new");
  } catch (error) {
    if (error instanceof DriftInputError) return error;
    throw error;
  }
}

async function pair(from: string, to: string): Promise<DriftResult> {
  return driftBetween(await loadSpec(byNumber(from), "old"), await loadSpec(byNumber(to), "new"));
}

describe("every consecutive pair of the spec history", () => {
  const timings: { pair: string; seconds: number }[] = [];
  let previous: { file: string; spec: PreparedSpec | DriftInputError } | undefined;

  it("has 147 versions", () => {
    expect(files).toHaveLength(147);
  });

  it.each(
    files.slice(1).map((file, i) => ({
      from: files[i]!,
      to: file,
      name: `${basename(files[i]!).slice(0, 3)} -> ${basename(file).slice(0, 3)}`,
    })),
  )(
    "$name: never crashes, reports a well-formed result or unusable input",
    ({ from, to, name }) => {
      const before = previous?.file === from ? previous.spec : prepare(from);
      const started = performance.now();
      const after = prepare(to);
      previous = { file: to, spec: after };
      if (before instanceof DriftInputError || after instanceof DriftInputError) {
        // Only 059 is not valid YAML (DEFECTS.md D1), at line 655.
        const error = (before instanceof DriftInputError ? before : after) as DriftInputError;
        expect(basename(error.source).slice(0, 3)).toBe("059");
        expect([error.reason, error.line]).toEqual(["parse-error", 655]);
        return;
      }
      const result = driftBetween(before, after);
      timings.push({ pair: name, seconds: (performance.now() - started) / 1000 });
      expectWellFormed(result);
    },
    // At most both specs of the pair are prepared here.
    workBudget("drift", 2),
  );

  afterAll(() => {
    if (timings.length === 0) return;
    const slowest = timings.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const total = timings.reduce((sum, t) => sum + t.seconds, 0);
    // A figure for the report, not an assertion: timings depend on the machine.
    console.info(
      `drift history sweep: ${timings.length} comparable pairs, ${total.toFixed(1)} s of new-spec preparation and comparison, slowest ${slowest.pair} ${slowest.seconds.toFixed(3)} s`,
    );
  });
});

describe("pairs verified by hand", { timeout: workBudget("drift", 2) }, () => {
  it("016 -> 017 (fix typo in ext link): documentation only", async () => {
    const result = await pair("016", "017");
    expect(result.changes.map(line)).toEqual([
      "operation-documentation-changed POST /auth/providers/{provider}/login | - | documentation changed",
    ]);
    const md = renderMarkdown(result);
    expect(md).toContain("## ✅ API drift: no breaking changes");
    expect(md).toContain("- Documentation only: 1 operation.");
  });

  // 025 dropped Message._id and 026 restored it; the server-assigned-ids repair gives 025 its `_id`
  // back, so only that property's description (the repair's vs upstream's) differs.
  it("025 -> 026 (revert of the IP access list): four operations removed, Message._id kept", async () => {
    const result = await pair("025", "026");
    const push = "/groups/{groupId}/apps/{appId}/push/notifications";
    const access = "/groups/{groupId}/apps/{appId}/security/access_list";
    expect(result.changes.map(line)).toEqual([
      `response-property-removed GET ${push} | response 200 application/json | property \`[].allowed_ips\` removed`,
      `response-property-removed POST ${push} | response 201 application/json | property \`allowed_ips\` removed`,
      `response-property-removed GET ${push}/{messageId} | response 200 application/json | property \`allowed_ips\` removed`,
      `response-property-removed PUT ${push}/{messageId} | response 200 application/json | property \`allowed_ips\` removed`,
      `operation-removed GET ${access} | - | operation \`allowedIPAccessListGet\` removed`,
      `operation-removed POST ${access} | - | operation \`allowedIPAccessListCreate\` removed`,
      `operation-removed DELETE ${access}/{ipId} | - | operation \`allowedIPAccessListDelete\` removed`,
      `operation-removed PATCH ${access}/{ipId} | - | operation \`allowedIPAccessListUpdate\` removed`,
      "schema-documentation-changed - | schema Message | documentation of schema `Message` changed",
      "operation-documentation-changed POST /groups/{groupId}/apps/{appId}/security/allowed_request_origins | - | documentation changed",
    ]);
    expect(result.surface.methods.removed).toEqual([
      "security.allowedIPAccessListCreate",
      "security.allowedIPAccessListDelete",
      "security.allowedIPAccessListGet",
      "security.allowedIPAccessListUpdate",
    ]);
  });

  it("060 -> 061 (nullable: true -> type [object, null]): the dialect change is silent", async () => {
    const result = await pair("060", "061");
    const op =
      "POST /groups/{groupId}/apps/{appId}/services/{datasourceId}/commands/validate_documents";
    expect(result.changes.map(line)).toEqual([
      `response-one-of-variant-added ${op} | response 200 application/json | variant StringLengthGTValidationError added to the union of \`errors[].error_code\``,
      `response-one-of-variant-added ${op} | response 200 application/json | variant StringLengthLTValidationError added to the union of \`errors[].error_code\``,
    ]);
  });

  it("125 -> 126 (new App Services base URL): the server URL changed, the rest is documentation", async () => {
    const result = await pair("125", "126");
    expect(result.changes.map(line)).toEqual([
      "server-url-changed - | servers | server `https://realm.mongodb.com/api/admin/v3.0` -> `https://services.cloud.mongodb.com/api/admin/v3.0`",
      "schema-documentation-changed - | schema PrivateEndpointServiceInfo | documentation of schema `PrivateEndpointServiceInfo` changed",
      "spec-documentation-changed - | info, tags | documentation changed: info, tags/data-api, tags/deploy, tags/endpoints, tags/logs",
    ]);
    expect(renderMarkdown(result)).toContain(
      "## ⚠️ API drift: potentially breaking changes, nothing definitely breaking",
    );
  });

  it("131 -> 132 (fix incorrect operation for redeploy): GET became POST", async () => {
    const result = await pair("131", "132");
    const path = "/groups/{groupId}/apps/{appId}/deployments/{deploymentId}/redeploy";
    expect(result.changes.map(line)).toEqual([
      `operation-moved POST ${path} | - | moved from GET ${path} to POST ${path}`,
    ]);
    expect(result.changes[0]!.operationId).toBe("adminRedeployDeployment");
    expect(result.surface.methods).toEqual({ added: [], removed: [], renamed: [] });
  });

  it("142 -> 143 (remove Edge Server): six operations removed, their five schemas folded in", async () => {
    const result = await pair("142", "143");
    const edge = "/groups/{groupId}/apps/{appId}/edge";
    expect(result.changes.map(line)).toEqual([
      `operation-removed GET ${edge} | - | operation \`adminGetAllEdgeServerInstances\` removed (+1 folded)`,
      `operation-removed POST ${edge} | - | operation \`adminCreateEdgeServerInstance\` removed (+1 folded)`,
      `operation-removed DELETE ${edge}/{edgeServerId} | - | operation \`adminDeleteEdgeServerInstance\` removed`,
      `operation-removed GET ${edge}/{edgeServerId} | - | operation \`adminGetEdgeServerInstance\` removed (+3 folded)`,
      `operation-removed POST ${edge}/{edgeServerId}/regenerate-registration-key | - | operation \`adminRegenerateEdgeServerRegistrationToken\` removed`,
      `operation-removed POST ${edge}/{edgeServerId}/rename | - | operation \`adminRenameEdgeServerInstance\` removed`,
    ]);
    expect(result.operations).toMatchObject({ added: 0, removed: 6, changed: 0 });
    expect(result.surface.models.removed).toEqual([
      "EdgeServerCreateResponse",
      "EdgeServerInfo",
      "EdgeServerInstance",
      "EdgeServerMetricConstructor",
      "EdgeServerMetrics",
    ]);
    expect(result.surface.methods.removed).toHaveLength(6);
  });

  it("058 -> 059 and 059 -> 060: 059 is unusable input, with its line, on the right side", async () => {
    await expect(pair("058", "059")).rejects.toMatchObject({
      side: "new",
      reason: "parse-error",
      line: 655,
      column: 19,
    });
    await expect(pair("059", "060")).rejects.toMatchObject({
      side: "old",
      reason: "parse-error",
      line: 655,
    });
  });
});

describe("determinism", { timeout: workBudget("drift", 6) }, () => {
  it("the same pair gives byte-identical reports, whatever the document order", async () => {
    const [a, b] = [byNumber("141"), byNumber("142")];
    const first = renderJson(driftBetween(await loadSpec(a, "old"), await loadSpec(b, "new")));
    const second = renderJson(driftBetween(await loadSpec(a, "old"), await loadSpec(b, "new")));
    expect(second).toBe(first);
    // Reverse the order of paths and schemas: the report is ordered by content, not by position.
    const reversed = (file: string) => {
      const spec = prepare(file) as PreparedSpec;
      const doc = spec.model.doc as unknown as {
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
      };
      const flip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
      const text = JSON.stringify({
        ...doc,
        paths: flip(doc.paths),
        components: { ...doc.components, schemas: flip(doc.components.schemas) },
      });
      return prepareSpec(text, file, "new");
    };
    const flipped = JSON.parse(renderJson(driftBetween(reversed(a), reversed(b)))) as {
      changes: unknown;
      surface: unknown;
    };
    const original = JSON.parse(first) as { changes: unknown; surface: unknown };
    expect(flipped.changes).toEqual(original.changes);
    expect(flipped.surface).toEqual(original.surface);
    expect((original.changes as unknown[]).length).toBeGreaterThan(20);
  });
});
