import { formatPath, type SchemaDelta } from "./schema-delta.js";

const MAX_VALUES = 5;

/** Lists enum values or variant labels, truncated with a count. */
export function listValues(values: readonly string[] | undefined): string {
  const all = values ?? [];
  const shown = all.slice(0, MAX_VALUES).join(", ");
  return all.length > MAX_VALUES ? `${shown} and ${all.length - MAX_VALUES} more` : shown;
}

/** One line describing a schema difference, naming the property it is at (if any). */
export function describeDelta(delta: SchemaDelta): string {
  const path = formatPath(delta.path);
  const at = path === "" ? "" : ` of \`${path}\``;
  const subject = path === "" ? "the schema" : `\`${path}\``;
  switch (delta.kind) {
    case "property-added":
      return `property \`${path}\` added${delta.required ? " (required)" : ""}`;
    case "property-removed":
      return `property \`${path}\` removed${delta.required ? " (was required)" : ""}`;
    case "became-required":
      return `${subject} became required`;
    case "became-optional":
      return `${subject} became optional`;
    case "type-changed":
    case "type-widened":
    case "type-narrowed":
      return `type${at} changed from ${delta.from} to ${delta.to}`;
    case "became-nullable":
      return `${subject} became nullable`;
    case "became-not-nullable":
      return `${subject} is no longer nullable`;
    case "enum-values-added":
      return `enum value${plural(delta.values)} ${listValues(delta.values)} added${at ? ` to \`${path}\`` : ""}`;
    case "enum-values-removed":
      return `enum value${plural(delta.values)} ${listValues(delta.values)} removed${at ? ` from \`${path}\`` : ""}`;
    case "became-enum":
      return `${subject} is now restricted to ${listValues(delta.values)}`;
    case "enum-dropped":
      return `${subject} is no longer restricted to ${listValues(delta.values)}`;
    case "variant-added":
      return `variant ${listValues(delta.values)} added to the union${at}`;
    case "variant-removed":
      return `variant ${listValues(delta.values)} removed from the union${at}`;
    case "constraint-changed":
      return `${delta.values?.[0] ?? "constraint"}${at} changed from ${delta.from} to ${delta.to}`;
  }
}

function plural(values: readonly string[] | undefined): string {
  return (values?.length ?? 0) > 1 ? "s" : "";
}
