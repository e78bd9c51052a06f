import { readFileSync } from "node:fs";
import jsYaml from "js-yaml";
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from "yaml";
import { SpecError } from "./errors.js";
import { isObject, type OpenApiDocument } from "./json.js";
import { fromPointer, toPointer } from "./pointer.js";
import { sha256 } from "./source.js";
import { findShapeProblem } from "./validate-shape.js";

/** Something the loader tolerated (the document is still usable) and reports. */
export interface LoadFinding {
  defect: "duplicate-key";
  pointer: string;
  line: number;
  detail: string;
}

export interface LoadedSpec {
  doc: OpenApiDocument;
  sha256: string;
  findings: LoadFinding[];
}

/**
 * Parses a spec given as YAML or JSON text. Tolerant where the YAML is valid but stricter tools
 * refuse it (duplicate keys keep the last value, as js-yaml's `json` mode does, and are reported);
 * invalid YAML is refused with its line and column, a document without the OpenAPI structure or
 * without operations (see validate-shape.ts) with its JSON pointer and line.
 */
export function loadSpecText(text: string, file = "<spec>"): LoadedSpec {
  const hash = sha256(text);
  const { doc, findings } = parseFast(text) ?? parseCareful(text, file);
  if (!isObject(doc)) {
    throw new SpecError("not-openapi", "the document is not a mapping", { file });
  }
  if (typeof doc.openapi !== "string" || !/^3\.[01]\./.test(doc.openapi)) {
    throw new SpecError(
      "not-openapi",
      `not an OpenAPI 3.0/3.1 document (openapi: ${JSON.stringify(doc.openapi ?? null)})`,
      { file, pointer: "#/openapi" },
    );
  }
  const problem = findShapeProblem(doc as OpenApiDocument);
  if (problem) {
    const { pointer, message } = problem;
    throw new SpecError("bad-shape", message, { file, line: lineOf(text, pointer), pointer });
  }
  return { doc: doc as OpenApiDocument, sha256: hash, findings };
}

/**
 * The line of the node at `pointer` (or of its nearest existing ancestor) in YAML or JSON text.
 * Parses again with positions, so it is only called to report a refusal.
 */
function lineOf(text: string, pointer: string): number | undefined {
  const lines = new LineCounter();
  let node: unknown = parseDocument(text, { uniqueKeys: false, lineCounter: lines }).contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of fromPointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.findLast(
        (p) => String(isScalar(p.key) ? p.key.value : p.key) === segment,
      );
      node = pair?.value;
      offset = (pair?.key as Node | undefined)?.range?.[0] ?? offset;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      offset = (node as Node | undefined)?.range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/**
 * js-yaml parses a 340 KB spec about ten times faster than `yaml` and gives the same values for
 * every version of the history (YAML 1.2 core schema both). It throws on duplicate keys and on
 * invalid YAML; both cases are left to {@link parseCareful}, which reports them precisely.
 */
function parseFast(text: string): { doc: unknown; findings: LoadFinding[] } | undefined {
  // js-yaml shares an anchored value among its aliases without limit: nested aliases a few lines
  // long (billion laughs) stand for billions of nodes, and every walk of the document then hangs.
  if (hasAnchor(text)) return undefined;
  try {
    return { doc: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }), findings: [] };
  } catch {
    return undefined;
  }
}

/**
 * Whether the text has a YAML anchor (`&name` where a node starts); text that merely looks like
 * one costs only speed. A scan from `&` to `&`: a regular expression over the whole text took 1 ms.
 */
function hasAnchor(text: string): boolean {
  for (let at = text.indexOf("&"); at >= 0; at = text.indexOf("&", at + 1)) {
    const before = at === 0 ? " " : text[at - 1]!;
    if (/[\s[{,]/.test(before) && /[^\s[\]{},]/.test(text[at + 1] ?? " ")) return true;
  }
  return false;
}

/**
 * How far aliases may multiply the document (`yaml` counts each alias expansion, weighted by the
 * aliases inside its anchored node): its default of 100, or one per 16 bytes of text when that is
 * more, so a large spec that reuses an anchor hundreds of times loads, while a bomb (a few hundred
 * bytes standing for billions of nodes) stays far above the limit.
 */
function aliasLimit(text: string): number {
  return Math.max(100, text.length >> 4);
}

/** The `yaml` library's document model: duplicate keys with their pointers, errors with line:column. */
function parseCareful(text: string, file: string): { doc: unknown; findings: LoadFinding[] } {
  const lines = new LineCounter();
  const parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: true, lineCounter: lines });
  const fatal = parsed.errors.filter((e) => e.code !== "DUPLICATE_KEY");
  if (fatal[0]) {
    const at = fatal[0].linePos?.[0];
    // The parser recurses once per level: a document nested deeper than its stack is no YAML
    // error, and its engine message ("Maximum call stack size exceeded") reads as a bug of ours.
    const why = /call stack/i.test(fatal[0].message)
      ? "nested too deeply to parse (the parser ran out of stack here)"
      : `not valid YAML: ${firstLine(fatal[0].message)}`;
    throw new SpecError("parse-error", why, {
      file,
      line: at?.line,
      column: at?.col,
    });
  }
  const findings = parsed.errors.length > 0 ? duplicateKeys(parsed, text) : [];
  const source = findings.length > 0 ? parseDocument(text, { uniqueKeys: false }) : parsed;
  const loop = aliasInItsAnchor(source);
  if (loop) {
    // toJS would make the value contain itself: every walk of it (repairs, the generator) then
    // recurses until the stack runs out.
    const at = lines.linePos(loop.range?.[0] ?? 0);
    throw new SpecError(
      "parse-error",
      `not usable YAML: the alias *${loop.source} is inside the node its anchor &${loop.source} names: the document would contain itself`,
      { file, line: at.line, column: at.col },
    );
  }
  const limit = aliasLimit(text);
  try {
    return { doc: source.toJS({ maxAliasCount: limit }), findings };
  } catch (cause) {
    // toJS throws a ReferenceError for an alias it cannot or will not resolve; others are bugs.
    if (!(cause instanceof ReferenceError)) throw cause;
    const why = cause.message.startsWith("Excessive alias count")
      ? `its aliases (*name) expand to more than ${limit} copies of anchored values, ` +
        "as in a resource-exhaustion attack"
      : cause.message;
    throw new SpecError("parse-error", `not usable YAML: ${why}`, { file }, { cause });
  }
}

/**
 * The first alias found inside the node its own anchor names, if any. One walk in document order,
 * keeping each anchor's latest node (an alias names the last one before it), as `Alias.resolve`
 * would find it with a walk per alias.
 */
function aliasInItsAnchor(doc: Document): Alias | undefined {
  const anchored = new Map<string, Node>();
  let found: Alias | undefined;
  visit(doc, {
    Node(_key, node, path) {
      if (!isAlias(node)) {
        if (node.anchor) anchored.set(node.anchor, node);
        return undefined;
      }
      const target = anchored.get(node.source);
      if (target === undefined || !path.includes(target)) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** Reads and parses a spec file; a missing file is a SpecError naming it. */
export function loadSpecFile(file: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new SpecError("file-missing", "cannot read the spec file", { file }, { cause });
  }
  return loadSpecText(text, file);
}

function firstLine(message: string): string {
  return message
    .split("\n")[0]!
    .replace(/\s*at line \d+, column \d+:?\s*$/, "")
    .trim();
}

/** Lists every duplicated mapping key with the JSON pointer of the mapping that holds it. */
function duplicateKeys(parsed: Document, text: string): LoadFinding[] {
  const findings: LoadFinding[] = [];
  visit(parsed, {
    Map(_key, map, path) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) {
          const pointer = toPointer([...pointerOf(path), key]);
          const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
          const line = text.slice(0, offset).split("\n").length;
          findings.push({
            defect: "duplicate-key",
            pointer,
            line,
            detail: `duplicate key "${key}" (line ${line}); the last value is kept`,
          });
        }
        seen.add(key);
      }
    },
  });
  return findings;
}

/** Converts yaml's visitor ancestry into JSON pointer segments. */
function pointerOf(path: readonly unknown[]): string[] {
  const segments: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const node = path[i];
    const child = path[i + 1];
    if (isMap(node) && child && typeof child === "object" && "key" in child) {
      const key = (child as { key: unknown }).key;
      segments.push(isScalar(key) ? String(key.value) : String(key));
    } else if (node && typeof node === "object" && "items" in node && Array.isArray(node.items)) {
      const index = (node.items as unknown[]).indexOf(child);
      if (index >= 0 && !isMap(node)) segments.push(String(index));
    }
  }
  return segments;
}
