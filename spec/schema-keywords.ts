/**
 * Keywords of a Schema Object in OpenAPI 3.0 and 3.1 (JSON Schema 2020-12 plus OpenAPI's own).
 * A mapping under `components/schemas` that uses none of them is not a schema.
 */
export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  "$ref", "$id", "$schema", "$anchor", "$dynamicRef", "$dynamicAnchor", "$defs", "$comment",
  "type", "enum", "const", "format", "title", "description", "default", "example", "examples",
  "properties", "patternProperties", "additionalProperties", "unevaluatedProperties",
  "propertyNames", "required", "minProperties", "maxProperties", "dependentRequired",
  "dependentSchemas", "items", "prefixItems", "additionalItems", "unevaluatedItems", "contains",
  "minContains", "maxContains", "minItems", "maxItems", "uniqueItems", "allOf", "oneOf", "anyOf",
  "not", "if", "then", "else", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "multipleOf", "minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType",
  "contentSchema", "readOnly", "writeOnly", "deprecated", "nullable", "discriminator", "xml",
  "externalDocs", "definitions",
]);
