import { describe, expect, it } from "vitest";
import { buildImportPayload } from "../../packages/config/import-payload.js";
import { fixtureFiles, parsed } from "./helpers.js";

// The expected shapes are the official CLI's AppDataV2 (10gen/realm-cli
// internal/local/structure_v2.go, LoadData) as its import test sends it
// (internal/cloud/realm/import_export_test.go, appDataV2).
describe("buildImportPayload: the folder as POST /import takes it", () => {
  const { payload, issues } = buildImportPayload(parsed(fixtureFiles()));

  it("finds nothing wrong with a folder a pull wrote", () => {
    expect(issues).toEqual([]);
  });

  it("puts the root config's fields at the top", () => {
    expect(payload).toMatchObject({
      config_version: 20210101,
      app_id: "shop-abcde",
      name: "shop",
      location: "US-VA",
      deployment_model: "GLOBAL",
      environment: "production",
    });
  });

  it("keys environments by file name, as the CLI's parseEnvironments does", () => {
    expect(Object.keys(payload.environments as object).sort()).toEqual([
      "development.json",
      "no-environment.json",
      "production.json",
      "qa.json",
      "testing.json",
    ]);
  });

  it("sends functions as {config, sources} with sources keyed by path below functions/", () => {
    const functions = payload.functions as { config: unknown[]; sources: Record<string, string> };
    expect(functions.config).toHaveLength(3);
    expect(Object.keys(functions.sources).sort()).toEqual([
      "createOrder.js",
      "health.js",
      "utils/format.js",
    ]);
  });

  it("nests auth providers and custom user data under auth, sync config under sync.config", () => {
    expect(Object.keys((payload.auth as { providers: object }).providers).sort()).toEqual([
      "anon-user",
      "api-key",
    ]);
    expect(payload.auth).toHaveProperty("custom_user_data.mongo_service_name", "mongodb-atlas");
    expect(payload.sync).toEqual({
      config: { state: "enabled", database_name: "shop_dev", queryable_fields_names: ["owner_id"] },
    });
  });

  it("gives each collection rule its schema and relationships", () => {
    const [source] = payload.data_sources as {
      config: { name: string };
      default_rule: unknown;
      rules: Record<string, unknown>[];
    }[];
    expect(source!.config.name).toBe("mongodb-atlas");
    expect(source!.default_rule).toBeDefined();
    expect(source!.rules).toHaveLength(1);
    expect(source!.rules[0]).toMatchObject({
      database: "shop",
      collection: "orders",
      schema: { title: "Order" },
      relationships: {},
    });
  });

  it("sends legacy HTTP services with webhooks as {config, source}, endpoints as {config}", () => {
    expect(payload.http_endpoints).toEqual([
      {
        config: { name: "legacy", type: "http", config: {}, version: 1 },
        incoming_webhooks: [
          {
            config: { name: "ping", respond_result: true },
            source: 'exports = function() { return "pong"; };\n',
          },
        ],
        rules: [],
      },
    ]);
    expect((payload.endpoints as { config: unknown[] }).config).toHaveLength(2);
  });

  it("sends triggers, values, log forwarders as lists and graphql with its resolvers", () => {
    expect(payload.triggers).toHaveLength(2);
    expect(payload.values).toHaveLength(2);
    expect(payload.log_forwarders).toHaveLength(1);
    expect(payload.graphql).toMatchObject({
      config: { use_natural_pluralization: true },
      custom_resolvers: [{ field_name: "orderTotal" }],
    });
    expect(payload.hosting).toEqual({
      enabled: true,
      default_error_path: "/404.html",
      default_error_code: "404",
    });
  });

  it("leaves out parts the folder does not have", () => {
    expect(payload).not.toHaveProperty("services");
    expect(payload).not.toHaveProperty("data_api_config");
  });

  it("reports a function whose source file is missing, at its name in config.json", () => {
    const files = fixtureFiles();
    files.delete("functions/health.js");
    const { issues } = buildImportPayload(parsed(files));
    expect(issues).toEqual([
      {
        file: "functions/config.json",
        line: 8,
        column: 13,
        pointer: "/1/name",
        message: 'function "health" has no source file functions/health.js',
      },
    ]);
  });

  it("reports a collection folder with a schema but neither rules nor relationships", () => {
    const files = fixtureFiles();
    files.delete("data_sources/mongodb-atlas/shop/orders/rules.json");
    files.delete("data_sources/mongodb-atlas/shop/orders/relationships.json");
    const { issues } = buildImportPayload(parsed(files));
    expect(issues).toMatchObject([
      { file: "data_sources/mongodb-atlas/shop/orders/schema.json", pointer: "" },
    ]);
  });

  it("builds a rule from the folder names when only schema and relationships are there", () => {
    const files = fixtureFiles();
    files.delete("data_sources/mongodb-atlas/shop/orders/rules.json");
    const { payload: built, issues: none } = buildImportPayload(parsed(files));
    expect(none).toEqual([]);
    expect((built.data_sources as { rules: unknown[] }[])[0]!.rules).toEqual([
      expect.objectContaining({
        database: "shop",
        collection: "orders",
        schema: expect.any(Object),
      }),
    ]);
  });

  it("reports a folder without realm_config.json", () => {
    const files = fixtureFiles();
    files.delete("realm_config.json");
    expect(buildImportPayload(parsed(files)).issues).toEqual([
      {
        file: "realm_config.json",
        line: undefined,
        column: undefined,
        pointer: "",
        message: "missing: every app folder has one",
      },
    ]);
  });
});
