import type { RuleInfo } from "../types.js";
import { componentRules } from "./components.js";
import { documentationRules } from "./documentation.js";
import { fallbackRules } from "./fallback.js";
import { operationRules } from "./operations.js";
import { parameterRules } from "./parameters.js";
import { requestBodyRules } from "./request-bodies.js";
import { requestPropertyRules } from "./request-properties.js";
import { responsePropertyRules } from "./response-properties.js";
import { responseRules } from "./responses.js";
import type { Rule } from "./rule.js";
import { securityServerRules } from "./security-servers.js";

/**
 * Every rule, in the order they run. The fallback runs last: it reports only operations no earlier
 * rule said anything about.
 */
export const RULES: readonly Rule[] = [
  ...operationRules,
  ...parameterRules,
  ...requestBodyRules,
  ...requestPropertyRules,
  ...responseRules,
  ...responsePropertyRules,
  ...componentRules,
  ...securityServerRules,
  ...documentationRules,
  ...fallbackRules,
];

/** The rule catalogue without the checks: id, severity and meaning of every rule. */
export const RULE_CATALOGUE: readonly RuleInfo[] = RULES.map(({ id, severity, summary }) => ({
  id,
  severity,
  summary,
}));

const ids = new Set<string>();
for (const r of RULES) {
  if (ids.has(r.id)) throw new Error(`duplicate drift rule id ${r.id}`);
  ids.add(r.id);
}
