import type { AppFolder } from "./app-folder.js";
import type { ConfigIssue } from "./errors.js";
import { locateJson, pointerSegment } from "./json-position.js";
import { checkFileName } from "./layout.js";

type Doc = Record<string, unknown>;

/** A folder file whose resources a pull names files (or folders) after, and how it says so. */
interface NamedKind {
  pattern: RegExp;
  /** What `checkFileName` calls the resource, as `pullApp` does. */
  what: string;
  /** Where the names are in the file: JSON pointers and the names found there. */
  names: (doc: unknown) => [string, unknown][];
  nested?: boolean;
}

const SERVICE = "(?:services|http_endpoints)/[^/]+";
const name = (doc: unknown): [string, unknown][] => [["/name", asDoc(doc)?.name]];

const NAMED: readonly NamedKind[] = [
  {
    pattern: /^functions\/config\.json$/,
    what: "a function",
    nested: true,
    names: (doc) => (Array.isArray(doc) ? doc.map((fn, i) => [`/${i}/name`, asDoc(fn)?.name]) : []),
  },
  {
    pattern: /^auth\/providers\.json$/,
    what: "an auth provider",
    names: (doc) =>
      Object.entries(asDoc(doc) ?? {}).map(([key, p]) => [
        `/${pointerSegment(key)}/name`,
        asDoc(p)?.name,
      ]),
  },
  { pattern: /^triggers\/[^/]+\.json$/, what: "a trigger", names: name },
  { pattern: /^values\/[^/]+\.json$/, what: "a value", names: name },
  { pattern: /^log_forwarders\/[^/]+\.json$/, what: "a log forwarder", names: name },
  { pattern: /^data_sources\/[^/]+\/config\.json$/, what: "a data source", names: name },
  { pattern: new RegExp(`^${SERVICE}/config\\.json$`), what: "a service", names: name },
  {
    pattern: new RegExp(`^${SERVICE}/incoming_webhooks/[^/]+/config\\.json$`),
    what: "a webhook",
    names: name,
  },
  { pattern: new RegExp(`^${SERVICE}/rules/[^/]+\\.json$`), what: "a service rule", names: name },
  {
    // A pull writes a resolver to graphql/custom_resolvers/<on_type>_<field_name>.json.
    pattern: /^graphql\/custom_resolvers\/[^/]+\.json$/,
    what: "a custom resolver",
    names: (doc) => {
      const resolver = asDoc(doc);
      const [type, field] = [resolver?.on_type, resolver?.field_name];
      return typeof type === "string" && typeof field === "string"
        ? [["", `${type}_${field}`.toLowerCase()]]
        : [];
    },
  },
  {
    pattern: /^data_sources\/[^/]+\/[^/]+\/[^/]+\/rules\.json$/,
    what: "a rule's database",
    names: (doc) => [["/database", asDoc(doc)?.database]],
  },
  {
    pattern: /^data_sources\/[^/]+\/[^/]+\/[^/]+\/rules\.json$/,
    what: "a rule's collection",
    names: (doc) => [["/collection", asDoc(doc)?.collection]],
  },
];

/**
 * The names in the folder that a pull could not write back as file names (`checkFileName`: a
 * control character, an empty, `.` or `..` segment, a `/` where one name is one file, more bytes
 * than a file name holds), as issues at their place with the pull's own message. The server takes
 * them, so without this a push would send an app the next pull refuses. A name that is not text,
 * or is missing, is the schema's to report.
 */
export function pushedNameIssues(folder: AppFolder): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [file, doc] of folder.json) {
    for (const kind of NAMED) {
      if (!kind.pattern.test(file)) continue;
      for (const [pointer, value] of kind.names(doc)) {
        if (typeof value !== "string") continue;
        try {
          checkFileName(value, kind.what, kind.nested);
        } catch (error) {
          const text = folder.text.get(file) ?? "";
          const message = (error as Error).message;
          issues.push({ file, ...locateJson(text, pointer), pointer, message });
        }
      }
    }
  }
  return issues;
}

function asDoc(value: unknown): Doc | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Doc)
    : undefined;
}
