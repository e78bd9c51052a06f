import { describe, expect, it } from "vitest";
import { ConfigValidationError, formatIssue } from "../../packages/config/errors.js";
import { parseAppFiles } from "../../packages/config/app-folder.js";
import { FILE_KINDS } from "../../packages/config/file-kinds.js";
import { loadConfigSchemas, validatorFor } from "../../packages/config/schema-validators.js";
import { validateFolder } from "../../packages/config/validate-folder.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { fixtureFiles, parsed } from "./helpers.js";

const schemas = await loadConfigSchemas();

function issuesOf(edit: (files: Map<string, string>) => void) {
  const files = fixtureFiles();
  edit(files);
  const { folder, issues } = parseAppFiles(files);
  return [...issues, ...validateFolder(folder, schemas)];
}

describe("validateFolder: every file against its schema in the repaired spec", () => {
  it.each(FILE_KINDS.map((kind) => [kind.what, kind] as const))(
    "%s: names a schema the spec has",
    (_what, kind) => {
      if (typeof kind.schema === "string")
        expect(schemas.components.schemas).toHaveProperty([kind.schema]);
      expect(() => validatorFor(schemas, kind)).not.toThrow();
    },
  );

  it("refuses a kind whose schema the spec lacks, naming it", () => {
    const kind = { what: "a gadget", pattern: /^gadget\.json$/, schema: "NoSuchSchema" };
    expect(() => validatorFor(schemas, kind)).toThrow(
      "the spec's schemas have no NoSuchSchema (for a gadget)",
    );
  });

  it("accepts a folder a pull wrote (no false alarms on any file kind)", () => {
    expect(validateFolder(parsed(fixtureFiles()), schemas)).toEqual([]);
  });

  it("names file, line, column and pointer of a wrongly typed field", () => {
    const issues = issuesOf((files) => {
      const config = JSON.parse(files.get("functions/config.json")!);
      config[1].private = "yes";
      files.set("functions/config.json", stableJson(config));
    });
    expect(issues).toEqual([
      {
        file: "functions/config.json",
        line: 9,
        column: 16,
        pointer: "/1/private",
        message: 'function configs: value type "string" is invalid. Expected "boolean".',
      },
    ]);
    expect(formatIssue(issues[0]!)).toBe(
      'functions/config.json:9:16 /1/private: function configs: value type "string" is invalid. Expected "boolean".',
    );
  });

  // A value needs only its name: spec/EVIDENCE.md (ValueConstructor/required) makes `private`
  // and `from_secret` optional, as the docs and the Stitch SDK's tests create values without them.
  it("reports a missing required field at the object that lacks it", () => {
    const issues = issuesOf((files) => {
      files.set("values/currency.json", '{\n  "private": false,\n  "value": "EUR"\n}\n');
    });
    expect(issues.map((i) => [i.file, i.line, i.column, i.pointer, i.message])).toEqual([
      ["values/currency.json", 1, 1, "", 'a value: value does not have required property "name".'],
    ]);
  });

  it("accepts a value without `private` and `from_secret`, which the repaired spec makes optional", () => {
    const issues = issuesOf((files) => {
      files.set("values/currency.json", '{\n  "name": "currency",\n  "value": "EUR"\n}\n');
    });
    expect(issues).toEqual([]);
  });

  it("tells a scheduled trigger what a scheduled trigger lacks, not what other kinds need", () => {
    const issues = issuesOf((files) => {
      const trigger = JSON.parse(files.get("triggers/nightly.json")!);
      delete trigger.config.schedule;
      files.set("triggers/nightly.json", stableJson(trigger));
    });
    expect(issues).toMatchObject([
      {
        file: "triggers/nightly.json",
        pointer: "/config",
        message: 'a trigger: value does not have required property "schedule".',
      },
    ]);
  });

  it("refuses an enum value with the allowed ones", () => {
    const issues = issuesOf((files) => {
      const root = JSON.parse(files.get("realm_config.json")!);
      root.deployment_model = "EVERYWHERE";
      files.set("realm_config.json", stableJson(root));
    });
    expect(issues).toMatchObject([
      { file: "realm_config.json", line: 4, column: 23, pointer: "/deployment_model" },
    ]);
    expect(issues[0]!.message).toMatch(/GLOBAL/);
  });

  it("reports a file that is not JSON with the line and column where it breaks", () => {
    const issues = issuesOf((files) =>
      files.set("triggers/nightly.json", '{\n  "name": "nightly",\n}\n'),
    );
    expect(issues).toEqual([
      {
        file: "triggers/nightly.json",
        line: 3,
        column: 1,
        pointer: "",
        message: expect.stringMatching(/^not valid JSON: /),
      },
    ]);
  });

  it("does not require ids: config files name functions and services, the server resolves them", () => {
    const issues = issuesOf((files) => {
      const trigger = JSON.parse(files.get("triggers/onOrder.json")!);
      expect(trigger.config).not.toHaveProperty("service_id");
      expect(JSON.stringify(trigger)).not.toContain("function_id");
    });
    expect(issues).toEqual([]);
  });

  it("fills in what lives in another file (a function's source) instead of reporting it", () => {
    const config = JSON.parse(fixtureFiles().get("functions/config.json")!);
    expect(config[0]).not.toHaveProperty("source");
  });

  it("takes a key named __proto__ in a filled-in entry as a key, not as what the entry inherits", () => {
    const kind = {
      what: "gadgets",
      pattern: /^gadgets\.json$/,
      schema: { type: "object", properties: { name: {}, source: {} }, additionalProperties: false },
      shape: "list" as const,
      elsewhere: { source: "" },
    };
    // As JSON.parse gives it: an own key, which the schema does not allow.
    const value = JSON.parse('[{"name": "a", "__proto__": {"private": "no"}}]');
    const errors = validatorFor(schemas, kind)(value);
    expect(errors.map((e) => e.instanceLocation)).toContain("#/0/__proto__");
    expect(errors.map((e) => e.instanceLocation)).not.toContain("#/0/private");
  });

  it("leaves files outside the layout alone", () => {
    expect(issuesOf((files) => files.set("functions/notes.json", '"anything"'))).toEqual([]);
  });

  it("lists every issue in ConfigValidationError, the first twenty in its message", () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({
      file: `values/v${i}.json`,
      line: 1,
      column: 1,
      pointer: "",
      message: "bad",
    }));
    const error = new ConfigValidationError("/app", issues);
    expect(error.issues).toHaveLength(25);
    expect(error.message).toMatch(/^25 problems in the app folder \/app; nothing was sent:\n/);
    expect(error.message).toContain("values/v19.json:1:1 (document): bad");
    expect(error.message).not.toContain("values/v20.json");
    expect(error.message).toMatch(/… and 5 more \(see \.issues\)$/);
  });
});
