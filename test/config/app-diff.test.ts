import { describe, expect, it } from "vitest";
import { diffResources, formatAppDiff, type AppDiff } from "../../packages/config/app-diff.js";
import { collectResources } from "../../packages/config/resources.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { fixtureFiles, parsed, reversedKeys } from "./helpers.js";

function diffAfter(edit: (files: Map<string, string>) => void) {
  const remote = fixtureFiles();
  const local = fixtureFiles();
  edit(local);
  return diffResources(collectResources(parsed(local)), collectResources(parsed(remote)));
}

describe("diffResources: the folder against the app, per resource", () => {
  it("finds nothing between two renderings of the same app", () => {
    expect(diffAfter(() => {})).toEqual([]);
  });

  it("ignores key order and layout: JSON is compared by value", () => {
    expect(
      diffAfter((files) => {
        for (const [path, text] of files) {
          if (path.endsWith(".json"))
            files.set(path, JSON.stringify(reversedKeys(JSON.parse(text))));
        }
      }),
    ).toEqual([]);
  });

  it("ignores where the folder came from (app_id, config_version)", () => {
    expect(
      diffAfter((files) => {
        const root = JSON.parse(files.get("realm_config.json")!);
        files.set(
          "realm_config.json",
          stableJson({ ...root, app_id: "other-xyz", config_version: 1 }),
        );
      }),
    ).toEqual([]);
  });

  it("names exactly the function whose source changed", () => {
    expect(
      diffAfter((files) => files.set("functions/health.js", "exports = () => 'up';\n")),
    ).toEqual([
      { kind: "function", name: "health", change: "changed", files: ["functions/health.js"] },
    ]);
  });

  it("tells added, changed and removed resources apart, across list and single files", () => {
    const changes = diffAfter((files) => {
      const config = JSON.parse(files.get("functions/config.json")!);
      config.push({ name: "fresh", private: true });
      config[0].private = true;
      files.set("functions/config.json", stableJson(config));
      files.set("functions/fresh.js", "exports = () => 1;\n");
      files.delete("triggers/nightly.json");
      files.set(
        "values/region.json",
        stableJson({ name: "region", private: false, from_secret: false, value: "eu" }),
      );
    });
    expect(changes).toEqual([
      { kind: "value", name: "region", change: "added", files: ["values/region.json"] },
      {
        kind: "function",
        name: "createOrder",
        change: "changed",
        files: ["functions/config.json"],
      },
      {
        kind: "function",
        name: "fresh",
        change: "added",
        files: ["functions/config.json", "functions/fresh.js"],
      },
      { kind: "trigger", name: "nightly", change: "removed", files: ["triggers/nightly.json"] },
    ]);
  });

  it("groups a collection's rules, schema and relationships as one rule", () => {
    expect(
      diffAfter((files) =>
        files.set(
          "data_sources/mongodb-atlas/shop/orders/relationships.json",
          stableJson({ total: { ref: "#/x" } }),
        ),
      ),
    ).toEqual([
      {
        kind: "rule",
        name: "mongodb-atlas/shop/orders",
        change: "changed",
        files: ["data_sources/mongodb-atlas/shop/orders/relationships.json"],
      },
    ]);
  });

  it("leaves hosting metadata to the hosting sync", () => {
    expect(diffAfter((files) => files.set("hosting/metadata.json", "[]\n"))).toEqual([]);
  });
});

describe("formatAppDiff", () => {
  const diff: AppDiff = {
    changes: [
      {
        kind: "function",
        name: "fresh",
        change: "added",
        files: ["functions/config.json", "functions/fresh.js"],
      },
      { kind: "trigger", name: "nightly", change: "removed", files: ["triggers/nightly.json"] },
    ],
    serverDiff: ["New function: fresh", "Removed trigger: nightly"],
    hosting: { upload: ["/index.html"], patch: [], delete: ["/old.css"] },
    configChanged: true,
    hasChanges: true,
  };

  it("prints one line per resource, the hosting paths, the server's lines and a summary", () => {
    expect(formatAppDiff(diff)).toBe(
      [
        "+ function fresh   functions/config.json, functions/fresh.js",
        "- trigger nightly  triggers/nightly.json",
        "+ hosting file /index.html",
        "- hosting file /old.css",
        "",
        "The server's diff:",
        "  New function: fresh",
        "  Removed trigger: nightly",
        "2 resource(s) differ: 1 added, 0 changed, 1 removed; 2 hosting file(s)",
        "",
      ].join("\n"),
    );
  });

  it("indents every line of a server's diff entry that spans lines", () => {
    const text = formatAppDiff({
      ...diff,
      serverDiff: ["Modified function: fresh\n- return 1;\n+ return 2;"],
    });
    expect(text).toContain(
      ["The server's diff:", "  Modified function: fresh", "  - return 1;", "  + return 2;"].join(
        "\n",
      ),
    );
  });

  it("says so when nothing differs", () => {
    expect(
      formatAppDiff({
        changes: [],
        serverDiff: [],
        hosting: undefined,
        configChanged: false,
        hasChanges: false,
      }),
    ).toBe("No differences: a push would change nothing.\n");
  });

  it("is JSON as it is", () => {
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });
});
