/**
 * JSON Schema validation, from `@cfworker/json-schema` (no dependencies, no code generation, so
 * it runs wherever the SDK does). The build bundles this module with the library into the SDK
 * (see scripts/build.ts), so the installed SDK depends on openapi-fetch alone; the types below
 * are ours so that the published declarations do not name the library.
 */
import { Validator as Library } from "@cfworker/json-schema";

/** One error in the validator's output format. */
export interface OutputUnit {
  keyword: string;
  keywordLocation: string;
  instanceLocation: string;
  error: string;
}

/** A JSON Schema object (2020-12), as the validator takes it. */
export type Schema = Readonly<Record<string, unknown>>;

/** A compiled schema. */
export interface SchemaValidator {
  /** Every error when `shortCircuit` was false, else the first. */
  validate(instance: unknown): { valid: boolean; errors: OutputUnit[] };
}

/** The library's `Validator` (`new Validator(schema, "2020-12", false)`), under our types. */
export const Validator = Library as unknown as new (
  schema: Schema | boolean,
  draft?: "4" | "7" | "2019-09" | "2020-12",
  shortCircuit?: boolean,
) => SchemaValidator;
