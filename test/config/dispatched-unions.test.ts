import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withDispatchedUnions } from "../../packages/config/dispatched-unions.js";
import { loadConfigSchemas, validatorFor } from "../../packages/config/schema-validators.js";
import { fileKindOf } from "../../packages/config/file-kinds.js";
import { Validator, type Schema } from "../../packages/vendor/json-schema.js";

// The quick validity check of a config file runs on a schema whose unions go straight to the
// alternative a value names; these hold it to the schema as the spec has it.

const schemas = await loadConfigSchemas();
const components = schemas.components;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}`, components });

/** Whether `value` is valid by the original schema (all errors) and by the dispatched one (quick). */
function both(schema: Schema & { components: { schemas: Record<string, unknown> } }) {
  const original = new Validator(schema, "2020-12", false);
  const dispatched = new Validator(withDispatchedUnions(schema), "2020-12", true);
  return (value: unknown) => [original.validate(value).valid, dispatched.validate(value).valid];
}

// A union told apart by `kind`, with no `type: object` anywhere: a value that is not an object
// meets every alternative (the `oneOf` fails: several match; the `anyOf` passes).
const bare = (keyword: "oneOf" | "anyOf") => ({
  [keyword]: [
    { required: ["kind"], properties: { kind: { const: "a" }, n: { type: "number" } } },
    { allOf: [{ required: ["kind"] }, { properties: { kind: { enum: ["b"] } }, required: ["n"] }] },
    { $ref: "#/components/schemas/C" },
  ],
  components: {
    schemas: { C: { required: ["kind", "n"], properties: { kind: { const: "c" } } } },
  },
});

const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const kindLike = (values: string[]) => fc.oneof(fc.constantFrom(...values), anyValue);

describe("withDispatchedUnions", () => {
  it("turns a union told apart by one required, one-valued property into a choice by it", () => {
    const out = withDispatchedUnions(bare("oneOf"));
    expect(out).toMatchObject({
      if: { type: "object" },
      then: {
        if: { required: ["kind"], properties: { kind: { const: "a" } } },
        else: { if: { properties: { kind: { const: "b" } } }, else: { else: false } },
      },
      else: { oneOf: bare("oneOf").oneOf },
    });
    expect(out).not.toHaveProperty("oneOf");
  });

  it("leaves a union alone when no property tells its alternatives apart", () => {
    const notRequired = {
      oneOf: [{ properties: { kind: { const: "a" } } }, { properties: { kind: { const: "b" } } }],
      components: { schemas: {} },
    };
    const sameValue = {
      anyOf: [
        { required: ["kind"], properties: { kind: { const: "a" } } },
        { required: ["kind"], properties: { kind: { enum: ["a"] } } },
      ],
      components: { schemas: {} },
    };
    expect(withDispatchedUnions(notRequired)).toEqual(notRequired);
    expect(withDispatchedUnions(sameValue)).toEqual(sameValue);
  });

  it("dispatches the spec's triggers and auth providers, not its data sources", () => {
    const out = withDispatchedUnions(ref("TriggerConstructor")).components.schemas;
    expect(out.TriggerConstructor).toMatchObject({ if: { type: "object" } });
    expect(out.AuthProviderConstructor).toMatchObject({ if: { type: "object" } });
    expect(out.DataSourceConstructor).toEqual(components.schemas.DataSourceConstructor);
  });

  // Its first alternative allows "a" without requiring it: an object without `kind` meets it.
  const loose = {
    oneOf: [
      { required: ["n"], properties: { kind: { const: "a" } } },
      { required: ["kind"], properties: { kind: { const: "b" } } },
    ],
    components: { schemas: {} },
  };

  it.each([
    ["oneOf", bare("oneOf")],
    ["anyOf", bare("anyOf")],
    ["oneOf with an optional tell", loose],
  ])("agrees with the original %s on validity, objects or not (property)", (_name, schema) => {
    const valid = both(schema);
    const value = fc.oneof(
      anyValue,
      fc.array(anyValue, { maxLength: 2 }),
      fc.record({ kind: kindLike(["a", "b", "c", "d"]), n: anyValue }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(value, (v) => {
        const [original, dispatched] = valid(v);
        expect(dispatched).toBe(original);
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it("agrees with the spec's trigger schema on validity (property)", () => {
    const valid = both(ref("TriggerConstructor"));
    // Valid triggers of each type, then up to three edits each: a field removed or replaced, at
    // the top or in its config (the type among them), so both outcomes come up often.
    const bases: Record<string, unknown>[] = [
      { type: "SCHEDULED", config: { schedule: "* * * * *", skip_catchup_events: false } },
      { type: "AUTHENTICATION", config: { operation_type: "LOGIN", providers: ["anon-user"] } },
      { type: "DATABASE", config: { service_id: "s", operation_types: ["INSERT"] } },
    ].map((base) => ({
      name: "t",
      disabled: false,
      event_processors: { FUNCTION: { config: { function_name: "fn" } } },
      ...base,
    }));
    const fields = ["name", "type", "disabled", "config", "event_processors"];
    const configFields = [
      "schedule",
      "operation_type",
      "providers",
      "service_id",
      "operation_types",
    ];
    const replacement = fc.oneof(
      kindLike(["DATABASE", "AUTHENTICATION", "SCHEDULED", "LOGIN"]),
      fc.constant(undefined),
      fc.constant({}),
      fc.constant(["anon-user"]),
    );
    const edit = fc.tuple(fc.boolean(), fc.constantFrom(...fields, ...configFields), replacement);
    const trigger = fc
      .tuple(fc.constantFrom(...bases), fc.array(edit, { maxLength: 3 }))
      .map(([base, edits]) => {
        const t: Record<string, unknown> = { ...base, config: { ...(base.config as object) } };
        for (const [inConfig, field, value] of edits) {
          const target = inConfig && configFields.includes(field) ? t.config : t;
          if (target === null || typeof target !== "object") continue;
          if (value === undefined) delete (target as Record<string, unknown>)[field];
          else (target as Record<string, unknown>)[field] = value;
        }
        return t;
      });
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.oneof(trigger, anyValue), (v) => {
        const [original, dispatched] = valid(v);
        expect(dispatched).toBe(original);
        seen[original ? "valid" : "invalid"]++;
      }),
      { seed: 20261207, numRuns: 3000 },
    );
    // Both outcomes were exercised.
    expect(seen.valid).toBeGreaterThan(300);
    expect(seen.invalid).toBeGreaterThan(300);
  });

  it("still reports the original schema's errors for an invalid trigger", () => {
    const validate = validatorFor(schemas, fileKindOf("triggers/t.json")!);
    const good = {
      name: "t",
      type: "SCHEDULED",
      config: { schedule: "* * * * *" },
      event_processors: { FUNCTION: { config: { function_name: "fn" } } },
    };
    expect(validate(good)).toEqual([]);
    const errors = validate({ ...good, config: { schedule: 5 } });
    const full = new Validator(ref("TriggerConstructor"), "2020-12", false);
    expect(errors).toEqual(full.validate({ ...good, config: { schedule: 5 } }).errors);
    expect(errors.some((e) => e.keyword === "oneOf")).toBe(true);
  });
});
