import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";

// The workflow cannot run here; these checks keep it valid and wired together.
const root = join(import.meta.dirname, "..", "..");
const text = readFileSync(join(root, ".github", "workflows", "spec-drift.yml"), "utf8");
const parsed = parseDocument(text, { uniqueKeys: true });

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
const workflow = parsed.toJS() as {
  on: { schedule: { cron: string }[]; workflow_dispatch: { inputs: Record<string, unknown> } };
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe("spec-drift workflow", () => {
  it("is valid YAML without duplicate keys", () => {
    expect(parsed.errors).toEqual([]);
  });

  it("runs on a schedule and on demand", () => {
    expect(workflow.on.schedule[0]!.cron.split(" ")).toHaveLength(5);
    expect(workflow.on.workflow_dispatch.inputs).toHaveProperty("commit");
  });

  it("may push a branch and open a pull request, nothing more", () => {
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("fetches the newest upstream spec from master", () => {
    expect(workflow.env.UPSTREAM_LATEST).toBe(
      "https://raw.githubusercontent.com/mongodb/docs-app-services/master/source/openapi-admin-v3.yaml",
    );
  });

  it("uses actions by pinned major version", () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "actions/upload-artifact@v4",
      "peter-evans/create-pull-request@v7",
    ]);
  });

  it("runs drift before pinning and regenerating, and only then opens the pull request", () => {
    const index = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? s.uses ?? ""));
    const drift = index(/npm run --silent drift -- .* --format md --output/);
    const pin = index(/\.sha256 = \$sha' spec\/source\.json/);
    const regen = index(/npm run regen/);
    const pr = index(/peter-evans\/create-pull-request/);
    expect([drift, pin, regen, pr].every((i) => i >= 0)).toBe(true);
    expect(drift < pin && pin <= regen && regen < pr).toBe(true);
  });

  it("uses the Markdown report as the pull request body", () => {
    const pr = steps.find((s) => s.uses?.startsWith("peter-evans/create-pull-request"))!;
    expect(pr.with!["body-path"]).toBe("${{ env.WORK }}/pr-body.md");
    const body = steps.find((s) => s.run?.includes('> "$WORK/pr-body.md"'));
    expect(body?.run).toContain('cat "$WORK/drift.md"');
    expect(pr.with!.branch).toBe("spec-drift/upstream");
  });

  it("refers only to step outputs that a step writes", () => {
    const written = new Map<string, Set<string>>();
    for (const s of steps) {
      if (!s.id) continue;
      const names = [...(s.run ?? "").matchAll(/echo "([a-z0-9_]+)=/g)].map((m) => m[1]!);
      written.set(s.id, new Set(names));
    }
    const references = [...text.matchAll(/steps\.([a-z0-9_-]+)\.(outputs\.([a-z0-9_]+)|outcome)/g)];
    expect(references.length).toBeGreaterThan(5);
    for (const [whole, id, , output] of references) {
      expect(written.has(id!), `${whole}: no step with id ${id}`).toBe(true);
      if (output)
        expect(written.get(id!)!.has(output), `${whole}: step ${id} never writes ${output}`).toBe(
          true,
        );
    }
  });
});
