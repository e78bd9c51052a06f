import { nameRules } from "../../../spec/repairs/name-rules.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const targets = (nameRules.facts ?? []).map((f) => f.target);

const APP = "/groups/{groupId}/apps/{appId}";
const VALUE = { pattern: "^[A-Za-z0-9][A-Za-z0-9_-]*$", maxLength: 64 };
const APP_NAME = { pattern: "^[A-Za-z][A-Za-z0-9_-]*$", maxLength: 32 };
const NAME = { pattern: "^[A-Za-z0-9_-]*$", maxLength: 64 };

const name = (rule: Record<string, unknown> | undefined, more: Record<string, unknown> = {}) => ({
  properties: { name: { type: "string", ...more, ...rule }, value: { type: "string" } },
  required: ["name"],
});
const secrets = (rule?: Record<string, unknown>) => ({
  [`${APP}/secrets`]: {
    post: {
      requestBody: { content: { "application/json": { schema: name(rule) } } },
      responses: { "201": { description: "ok" } },
    },
  },
  [`${APP}/secrets/{secretId}`]: {
    put: {
      requestBody: { content: { "application/json": { schema: name(rule) } } },
      responses: { "200": { description: "ok" } },
    },
  },
});
const schemas = (fixed: boolean) => {
  const rule = (r: Record<string, unknown>) => (fixed ? r : undefined);
  return {
    // The app's rule goes on the create body, not on `App` (also a pushed folder's root config).
    App: name(undefined, { description: "Must begin with a letter." }),
    AppConstructor: {
      allOf: [
        { $ref: "#/components/schemas/App" },
        {
          type: "object",
          properties: {
            template_id: { type: "string" },
            ...(fixed ? { name: { type: "string", ...APP_NAME } } : {}),
          },
        },
      ],
    },
    NewValue: name(rule(VALUE)),
    ValueConstructor: name(rule(VALUE)),
    ServiceConstructor: name(rule(NAME)),
    ThirdPartyServiceConstructor: name(rule(NAME)),
    BaseTrigger: name(rule(NAME)),
    ThirdPartyServiceRule: name(rule(NAME)),
  };
};
const spec = (fixed: boolean) =>
  openapi({
    paths: secrets(fixed ? VALUE : undefined),
    components: { schemas: schemas(fixed) },
  });

/** A spec whose only names are one value's, as given. */
const oneValue = (nameSchema: Record<string, unknown>) =>
  openapi({ components: { schemas: { NewValue: { properties: { name: nameSchema } } } } });

repairTable(
  nameRules,
  [
    {
      name: "every documented name gets its pattern and maxLength",
      given: spec(false),
      want: spec(true),
      fixes: targets,
    },
    {
      name: "a version with only some of the schemas: those are repaired",
      given: oneValue({ type: "string" }),
      want: oneValue({ type: "string", ...VALUE }),
      fixes: [targets[1]!],
    },
  ],
  [
    spec(true),
    openapi({}),
    // A name that states its own rule, or is not a plain string, is left as the spec says.
    oneValue({ type: "string", pattern: "^[a-z]+$" }),
    oneValue({ type: "string", maxLength: 10 }),
    oneValue({ type: "string", enum: ["fixed"] }),
    oneValue({ $ref: "#/components/schemas/Name" }),
  ],
);
