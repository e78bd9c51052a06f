import type { Repair } from "../repair.js";
import { hoistNestedSchemas } from "./hoist-nested-schemas.js";

/**
 * Every repair, in the order they run. Order matters where one repair makes another's targets
 * visible (hoisting nested schema namespaces comes before any schema-level repair).
 */
export const repairs: readonly Repair[] = [hoistNestedSchemas];
