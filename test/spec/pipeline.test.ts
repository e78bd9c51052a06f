import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseBodyFindings } from "../../spec/findings.js";
import { lintFiles, type LintReport } from "../../spec/lint.js";
import { repairedPinnedSpec, writeRepaired, type RepairedSpec } from "../../spec/pipeline.js";
import { repairSpec } from "../../spec/repair.js";
import { repairs } from "../../spec/repairs/index.js";

const dir = mkdtempSync(join(tmpdir(), "pipeline-test-"));
let pinned: RepairedSpec;
let upstream: LintReport;
let repaired: LintReport;

beforeAll(async () => {
  // Needs the verified copy: `npm run spec:fetch -- --from ../shared/spec/openapi-admin-v3.yaml`.
  pinned = repairedPinnedSpec();
  const file = join(dir, "pinned.repaired.json");
  writeRepaired(pinned.doc, file);
  const reports = await lintFiles([pinned.file, file]);
  upstream = reports[0]!;
  repaired = reports[1]!;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the pinned spec", () => {
  it("lints with zero errors after repair (the lint gate)", () => {
    expect(repaired.errors.map((e) => `${e.ruleId} ${e.pointer}: ${e.message}`)).toEqual([]);
  });

  it("has errors upstream, so the gate is not vacuous", () => {
    expect(upstream.errors.length).toBeGreaterThan(0);
  });

  it("needs exactly the repairs marked inPinned", () => {
    const applied = pinned.repairs.filter((r) => r.status === "applied").map((r) => r.id);
    expect(applied).toEqual(repairs.filter((r) => r.inPinned).map((r) => r.id));
  });

  it("leaves untyped only the 2xx responses no evidence describes (spec:lint findings)", () => {
    // The open questions of spec/EVIDENCE.md; a new one is printed by spec:lint, not invented.
    expect(responseBodyFindings(pinned.doc).map((f) => f.message.split(":")[0])).toEqual([
      "POST /groups/{groupId}/apps/{appId}/multi_data_sources 201 (adminLinkMultiDataSources)",
      "PATCH /groups/{groupId}/apps/{appId}/services/{serviceId} 200 (adminUpdateService)",
      "PUT /groups/{groupId}/apps/{appId}/services/{serviceId}/rules/{ruleId} 200 (adminUpdateRule)",
      "PUT /groups/{groupId}/apps/{appId}/services/{serviceId}/incoming_webhooks/{incomingWebhookId} 200 (adminUpdateWebhook)",
      "PUT /groups/{groupId}/apps/{appId}/push/notifications/{messageId}/type 200 (adminSetMessageType)",
      "POST /groups/{groupId}/apps/{appId}/push/notifications/{messageId}/send 200 (adminSendMessage)",
      "POST /groups/{groupId}/apps/{appId}/user_registrations/by_email/{email}/run_confirm 202 (adminRerunPendingUserConfirmation)",
    ]);
  });

  it("is a fixed point of the repairs", () => {
    const again = repairSpec(pinned.doc);
    expect(again.results.filter((r) => r.status === "applied").map((r) => r.id)).toEqual([]);
    expect(again.doc).toEqual(pinned.doc);
  });
});

describe("lintFiles", () => {
  it("reports a file redocly cannot parse as one error with its line, and lints the files around it", async () => {
    const good = join(dir, "good.json");
    const broken = join(dir, "broken.yaml");
    writeFileSync(
      good,
      JSON.stringify({
        openapi: "3.1.0",
        info: { title: "t", version: "1" },
        servers: [{ url: "https://example.test" }],
        paths: {},
      }),
    );
    writeFileSync(broken, "openapi: 3.1.0\ninfo:\n  title: [a,\n b]\n");
    const reports = await lintFiles([good, broken, good]);
    expect(reports.map((r) => r.file)).toEqual([good, broken, good]);
    expect(reports[1]!.errors).toHaveLength(1);
    expect(reports[1]!.errors[0]).toMatchObject({ ruleId: "parse", line: 4 });
    for (const r of [reports[0]!, reports[2]!]) {
      expect(r.errors.map((e) => e.ruleId)).toEqual([]);
      expect(r.warnings.map((w) => w.ruleId)).toContain("info-license");
    }
  });
});
