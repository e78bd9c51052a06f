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
  for (const [file, value] of folder.json) {
    const check = (pointer: string, name: unknown, what: string, nested?: boolean) => {
      if (typeof name !== "string") return;
      try {
        checkFileName(name, what, nested);
      } catch (error) {
        const place = locateJson(folder.text.get(file) ?? "", pointer);
        issues.push({ file, ...place, pointer, message: (error as Error).message });
      }
    };
    // Any JSON value: read as a document, a non-object has no fields.
    const doc = value as Doc | null;
    const kind = fileKindOf(file);
    const { named, shape } = kind ?? {};
    if (named && shape === "list" && Array.isArray(doc)) {
      doc.forEach((item: Doc | null, i) => check(`/${i}/name`, item?.name, named, true));
    } else if (named && shape === "map") {
      for (const [key, item] of Object.entries(doc ?? {}))
        check(`/${pointerSegment(key)}/name`, (item as Doc | null)?.name, named);
    } else if (named) {
      check("/name", doc?.name, named);
    } else if (kind?.schema === "CustomResolverConstructor") {
      const [type, name] = [doc?.on_type, doc?.field_name];
      if (typeof type === "string" && typeof name === "string")
        check("", `${type}_${name}`.toLowerCase(), "a custom resolver");
    } else if (kind?.schema === "RuleConstructor") {
      check("/database", doc?.database, "a rule's database");
      check("/collection", doc?.collection, "a rule's collection");
    } else if (kind?.schema === "SchemaDefinition" || kind?.schema === "SchemaRelationships") {
      // Without rules.json, the rule is pushed under the folder's names (see the import payload's
      // data sources): they are checked, once, at schema.json when there is one.
      const base = file.slice(0, file.lastIndexOf("/"));
      const once = file.endsWith("/schema.json") || !folder.json.has(`${base}/schema.json`);
      if (!folder.json.has(`${base}/rules.json`) && once) {
        const [, , database, collection] = base.split("/");
        check("", database, "a rule's database");
        check("", collection, "a rule's collection");
      }
    }
  }
  return issues;
}

type Doc = Record<string, unknown>;
