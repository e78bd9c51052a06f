import type { AppFolder } from "./app-folder.js";
import type { ConfigIssue } from "./errors.js";
import { fileKindOf } from "./file-kinds.js";
import { locateJson, pointerSegment } from "./json-position.js";
import { checkFileName } from "./layout.js";

/**
 * The folder's names that a pull could not write back as file names (`checkFileName`), as issues
 * at their place with the pull's own message: the server takes them, and the app could then no
 * longer be pulled. A name that is not text is the schema's to report.
 */
export function pushedNameIssues(folder: AppFolder): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [file, doc] of folder.json) {
    const check = (pointer: string, name: unknown, what: string, nested?: boolean) => {
      if (typeof name !== "string") return;
      try {
        checkFileName(name, what, nested);
      } catch (error) {
        const place = locateJson(folder.text.get(file) ?? "", pointer);
        issues.push({ file, ...place, pointer, message: (error as Error).message });
      }
    };
    const kind = fileKindOf(file);
    const { named, shape } = kind ?? {};
    if (named && shape === "list" && Array.isArray(doc)) {
      doc.forEach((item, i) => check(`/${i}/name`, field(item, "name"), named, true));
    } else if (named && shape === "map") {
      for (const [key, item] of Object.entries(doc ?? {}))
        check(`/${pointerSegment(key)}/name`, field(item, "name"), named);
    } else if (named) {
      check("/name", field(doc, "name"), named);
    } else if (kind?.schema === "CustomResolverConstructor") {
      const [type, name] = [field(doc, "on_type"), field(doc, "field_name")];
      if (typeof type === "string" && typeof name === "string")
        check("", `${type}_${name}`.toLowerCase(), "a custom resolver");
    } else if (kind?.schema === "RuleConstructor") {
      check("/database", field(doc, "database"), "a rule's database");
      check("/collection", field(doc, "collection"), "a rule's collection");
    }
  }
  return issues;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object"
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
