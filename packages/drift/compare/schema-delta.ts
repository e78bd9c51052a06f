/** What the structural schema comparison finds, before any rule gives it a direction or severity. */
export type DeltaKind =
  | "property-added"
  | "property-removed"
  | "became-required"
  | "became-optional"
  | "type-changed"
  | "type-widened"
  | "type-narrowed"
  | "became-nullable"
  | "became-not-nullable"
  | "enum-values-added"
  | "enum-values-removed"
  | "became-enum"
  | "enum-dropped"
  | "variant-added"
  | "variant-removed"
  | "constraint-changed";

/** One structural difference between two schemas, at a property path from the compared root. */
export interface SchemaDelta {
  kind: DeltaKind;
  /** Segments from the root: property names, `[]` for array items, `{*}` for map values, `<Variant>`. */
  path: readonly string[];
  /** Old and new value (types, constraint values), as short text. */
  from?: string;
  to?: string;
  /** property-added: required in the new schema; property-removed: was required. */
  required?: boolean;
  /** Enum values (canonical JSON), or the variant's label, or the constraint keyword. */
  values?: readonly string[];
  /** property-added/-removed: the property is readOnly (never sent) or writeOnly (never returned). */
  access?: "readOnly" | "writeOnly";
}

/** `config.event_processors[].name`; the root itself is "". */
export function formatPath(path: readonly string[]): string {
  let text = "";
  for (const segment of path) {
    if (segment === "[]" || segment === "{*}") text += segment;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}
