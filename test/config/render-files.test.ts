import { describe, expect, it } from "vitest";
import { renderAppFiles } from "../../packages/config/render-files.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { APP, fixtureFiles, GROUP_ID, pulledFixture, reversedKeys } from "./helpers.js";

describe("renderAppFiles: GET /pull as the official CLI's folder (20210101)", () => {
  const files = fixtureFiles();

  it("writes every part of the layout where the CLI's internal/local puts it", () => {
    expect([...files.keys()].sort()).toEqual([
      ".mdb/app_meta.json",
      "auth/custom_user_data.json",
      "auth/providers.json",
      "data_sources/mongodb-atlas/config.json",
      "data_sources/mongodb-atlas/default_rule.json",
      "data_sources/mongodb-atlas/shop/orders/relationships.json",
      "data_sources/mongodb-atlas/shop/orders/rules.json",
      "data_sources/mongodb-atlas/shop/orders/schema.json",
      "environments/development.json",
      "environments/no-environment.json",
      "environments/production.json",
      "environments/qa.json",
      "environments/testing.json",
      "functions/config.json",
      "functions/createOrder.js",
      "functions/health.js",
      "functions/utils/format.js",
      "graphql/config.json",
      "graphql/custom_resolvers/query_ordertotal.json",
      "graphql/validation_settings.json",
      "hosting/config.json",
      "http_endpoints/config.json",
      "http_endpoints/legacy/config.json",
      "http_endpoints/legacy/incoming_webhooks/ping/config.json",
      "http_endpoints/legacy/incoming_webhooks/ping/source.js",
      "log_forwarders/errors.json",
      "realm_config.json",
      "sync/config.json",
      "triggers/nightly.json",
      "triggers/onOrder.json",
      "values/currency.json",
      "values/stripeKey.json",
    ]);
  });

  it("prints JSON with sorted keys, two-space indent and a final newline", () => {
    expect(files.get("realm_config.json")).toBe(
      [
        "{",
        '  "app_id": "shop-abcde",',
        '  "config_version": 20210101,',
        '  "deployment_model": "GLOBAL",',
        '  "environment": "production",',
        '  "location": "US-VA",',
        '  "name": "shop",',
        '  "provider_region": "aws-us-east-1"',
        "}",
        "",
      ].join("\n"),
    );
    expect(files.get(".mdb/app_meta.json")).toBe(
      stableJson({ app_id: APP._id, config_version: 20210101, group_id: GROUP_ID }),
    );
    for (const [path, text] of files) {
      if (path.endsWith(".json")) expect(text, path).toBe(stableJson(JSON.parse(text)));
    }
  });

  it("keeps function sources in <name>.js (nested names in folders) and out of config.json", () => {
    const config = JSON.parse(files.get("functions/config.json")!);
    expect(config).toEqual([
      { name: "createOrder", private: false, run_as_system: true },
      { name: "health", private: false },
      { name: "utils/format", private: true },
    ]);
    expect(files.get("functions/utils/format.js")).toBe("exports = (n) => n.toFixed(2);\n");
  });

  it("keys auth providers by name and environments by the CLI's file names", () => {
    expect(Object.keys(JSON.parse(files.get("auth/providers.json")!))).toEqual([
      "anon-user",
      "api-key",
    ]);
    expect(JSON.parse(files.get("environments/production.json")!)).toEqual({
      values: { baseUrl: "https://shop.example" },
    });
  });

  it("splits a data source into config, default rule and per-collection rules, schema and relationships", () => {
    const config = JSON.parse(files.get("data_sources/mongodb-atlas/config.json")!);
    expect(config).not.toHaveProperty("rules");
    expect(config).not.toHaveProperty("default_rule");
    expect(
      JSON.parse(files.get("data_sources/mongodb-atlas/shop/orders/schema.json")!),
    ).toMatchObject({
      title: "Order",
    });
    expect(files.get("data_sources/mongodb-atlas/shop/orders/relationships.json")).toBe("{}\n");
  });

  it("writes legacy webhooks as config.json plus source.js", () => {
    expect(
      JSON.parse(files.get("http_endpoints/legacy/incoming_webhooks/ping/config.json")!),
    ).toEqual({
      name: "ping",
      respond_result: true,
    });
    expect(files.get("http_endpoints/legacy/incoming_webhooks/ping/source.js")).toContain("pong");
  });

  it("leaves out what the app does not have (null parts, empty lists, Sync not configured)", () => {
    expect(files.has("http_endpoints/data_api_config.json")).toBe(false);
    expect([...files.keys()].some((p) => p.startsWith("services/"))).toBe(false);
    const config = pulledFixture();
    config.sync = { state: "" };
    expect(renderAppFiles(config, { groupId: GROUP_ID, app: APP }).has("sync/config.json")).toBe(
      false,
    );
  });

  it("writes references by name without the ids the API's configuration carries beside them", () => {
    const config = pulledFixture() as unknown as Record<string, unknown>;
    const withIds = (doc: unknown) =>
      JSON.parse(JSON.stringify(doc), (key, value) => {
        if (value && typeof value === "object" && typeof value.function_name === "string")
          return { ...value, function_id: "5f0000000000000000000001" };
        if (value && typeof value === "object" && typeof value.service_name === "string")
          return { ...value, service_id: "5f0000000000000000000002" };
        return key === "incoming_webhooks"
          ? value.map((w: object) => ({ ...w, _id: "5f03" }))
          : value;
      });
    for (const key of ["triggers", "endpoints", "graphql", "https_endpoints"])
      config[key] = withIds(config[key]);
    const again = renderAppFiles(config as never, { groupId: GROUP_ID, app: APP });
    expect([...again].sort()).toEqual([...files].sort());
    // An id without a name is all a file can say about what it refers to: it stays.
    (config.endpoints as Record<string, unknown>[])[0]!.function_name = undefined;
    const kept = renderAppFiles(config as never, { groupId: GROUP_ID, app: APP });
    expect(kept.get("http_endpoints/config.json")).toContain("5f0000000000000000000001");
  });

  it("gives the same bytes whatever order the API lists keys and resources in", () => {
    const shuffled = reversedKeys(pulledFixture()) as Record<string, unknown>;
    for (const key of ["functions", "triggers", "values", "endpoints", "auth_providers"]) {
      shuffled[key] = [...(shuffled[key] as unknown[])].reverse();
    }
    const again = renderAppFiles(shuffled as never, { groupId: GROUP_ID, app: reversedKeys(APP) });
    expect([...again].sort()).toEqual([...files].sort());
  });

  it.each([
    ["../escape", "a function"],
    ["/etc/passwd", "a function"],
    ["a\u0007b", "a function"],
    // A separator only on Windows (elsewhere a plain character: see names-hostile2).
    ...(process.platform === "win32" ? [["a\\b", "a function"]] : []),
    ["", "a function"],
  ])("refuses a function named %j before anything is written", (name, what) => {
    const config = pulledFixture();
    config.functions = [{ name, private: false, source: "" }];
    expect(() => renderAppFiles(config, { groupId: GROUP_ID, app: APP })).toThrow(
      new RegExp(`${what} has no name usable as a file name`),
    );
  });

  it("refuses a trigger name with a slash (only function names nest)", () => {
    const config = pulledFixture();
    (config.triggers[0] as { name: string }).name = "a/b";
    expect(() => renderAppFiles(config, { groupId: GROUP_ID, app: APP })).toThrow(/a trigger/);
  });
});
