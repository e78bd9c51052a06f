/**
 * Doc comments said twice in the SDK's published declarations, removed from the copy that users
 * do not hover. `schema.d.ts` (openapi-typescript's output) repeats, in `paths` and in the
 * `operations` parameters, every operation's summary and description and every parameter's
 * description, which the operation modules' declarations already carry where editors show them
 * (the functions and descriptors, the `XParams` members and the shared parameters' interfaces
 * they extend); and each component schema's own description, which `models.d.ts` carries on the
 * model's name. Those copies go. A comment goes only when its whole text (tags included) is said
 * in another declaration file, so nothing is lost: a parameter's `@example`, a response's
 * description, a model field's description stay.
 * Comments that hold only a tag restating the declared type (`@constant`) go as well.
 * `client.d.ts`'s namespace methods keep the operation's summary, method and path and their
 * `see {@link tag.method}`, the operation function where the description is said once.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** What one pass removed, for the build's log and the tests. */
export interface DocDedupe {
  removed: number;
  kept: number;
  bytes: number;
}

/** Rewrites `<dist>/generated/{schema,client}.d.ts` without the comments said elsewhere. */
export function dedupeDeclarationDocs(dist: string): DocDedupe {
  const schema = dedupeSchemaDocs(join(dist, "generated"));
  const client = trimNamespaceDocs(join(dist, "generated"));
  return {
    removed: schema.removed + client.removed,
    kept: schema.kept + client.kept,
    bytes: schema.bytes + client.bytes,
  };
}

/**
 * Each namespace method's doc without the paragraphs between its summary and its last line
 * (method, path, `see {@link ...}`) when the linked function's doc says them.
 */
function trimNamespaceDocs(generated: string): DocDedupe {
  const file = join(generated, "client.d.ts");
  const text = readFileSync(file, "utf8");
  const operations = join(generated, "operations");
  const elsewhere = readdirSync(operations)
    .filter((name) => name.endsWith(".d.ts"))
    .flatMap((name) => docTexts(readFileSync(join(operations, name), "utf8")))
    .join("\n");
  let removed = 0;
  let kept = 0;
  const out = text.replace(
    /^( *)\/\*\*\n((?:\1 \*.*\n)+)\1 \*\/\n/gm,
    (comment, indent: string, body: string) => {
      const lines = body.split("\n").slice(0, -1);
      const blank = `${indent} *`;
      const paragraphs: string[][] = [[]];
      for (const line of lines) {
        if (line === blank) paragraphs.push([]);
        else paragraphs.at(-1)!.push(line);
      }
      const last = paragraphs.at(-1)!.join(" ");
      if (paragraphs.length < 3 || !last.includes("see {@link ")) return comment;
      const middle = paragraphs.slice(1, -1).map((p) => normalise(p.join("\n")));
      if (!middle.every((p) => elsewhere.includes(p))) {
        kept++;
        return comment;
      }
      removed++;
      const trimmed = [paragraphs[0]!, paragraphs.at(-1)!]
        .map((p) => p.join("\n"))
        .join(`\n${blank}\n`);
      return `${indent}/**\n${trimmed}\n${indent} */\n`;
    },
  );
  writeFileSync(file, out);
  return { removed, kept, bytes: text.length - out.length };
}

/** Rewrites `schema.d.ts` without the comments said elsewhere. */
function dedupeSchemaDocs(generated: string): DocDedupe {
  const file = join(generated, "schema.d.ts");
  const text = readFileSync(file, "utf8");
  const elsewhere = otherDeclarations(generated)
    .flatMap((path) => docTexts(readFileSync(path, "utf8")))
    .join("\n");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const cut: [number, number][] = [];
  let kept = 0;
  let removed = 0;
  for (const doc of candidateDocs(source)) {
    const body = normalise(text.slice(doc.getStart(source), doc.end));
    if (body === "" || !elsewhere.includes(body)) {
      kept++;
      continue;
    }
    const lineStart = text.lastIndexOf("\n", doc.getStart(source)) + 1;
    const lineEnd = text.indexOf("\n", doc.end) + 1;
    cut.push([lineStart, lineEnd]);
  }
  let out = "";
  let at = 0;
  for (const [start, end] of cut.sort((a, b) => a[0] - b[0])) {
    out += text.slice(at, start);
    at = end;
  }
  out += text.slice(at);
  // openapi-typescript's tag-only comments restate the type written on the next line (a string
  // literal is `@constant`, a union of them `@enum {string}`): the hover shows that type already.
  out = out.replace(/^ *\/\*\* @(?:constant|enum \{\w+\}) \*\/\n/gm, () => {
    removed++;
    return "";
  });
  writeFileSync(file, out);
  return { removed: cut.length + removed, kept, bytes: text.length - out.length };
}

/**
 * The declaration files beside schema.d.ts whose comments editors show (`parameters.d.ts` holds
 * the parameters the operations share, which their `XParams` extend).
 */
function otherDeclarations(generated: string): string[] {
  const operations = join(generated, "operations");
  return [
    join(generated, "models.d.ts"),
    join(generated, "client.d.ts"),
    ...[join(generated, "parameters.d.ts")].filter((path) => existsSync(path)),
    ...readdirSync(operations)
      .filter((name) => name.endsWith(".d.ts"))
      .map((name) => join(operations, name)),
  ];
}

/**
 * The comments that may repeat another file's: all of `paths`; in `operations`, those on
 * parameters; in `components`, those on parameters and on each schema itself (not on its
 * properties, which only this file documents).
 */
function candidateDocs(source: ts.SourceFile): ts.JSDoc[] {
  const found: ts.JSDoc[] = [];
  const docsOf = (node: ts.Node) => found.push(...((node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []));
  const everywhere = (node: ts.Node): void => {
    docsOf(node);
    ts.forEachChild(node, everywhere);
  };
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const name = statement.name.text;
    if (name === "paths") statement.members.forEach(everywhere);
    if (name === "operations") {
      for (const operation of statement.members) {
        for (const group of membersAt(operation, ["parameters"])) {
          membersOf(group).forEach(docsOf);
        }
      }
    }
    if (name === "components") {
      for (const section of statement.members) {
        const key = section.name && ts.isIdentifier(section.name) ? section.name.text : "";
        if (key === "parameters" || key === "schemas") membersOf(section).forEach(docsOf);
      }
    }
  }
  return found;
}

/** The members of the type literals at `path` below `node` (`["parameters"]`: query, path ...). */
function membersAt(node: ts.Node, path: string[]): ts.TypeElement[] {
  let level: ts.TypeElement[] = membersOf(node);
  for (const key of path) {
    const next = level.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === key);
    level = next ? membersOf(next) : [];
  }
  return level;
}

/** The members of a property's type literal (nothing for any other type). */
function membersOf(node: ts.Node): ts.TypeElement[] {
  if (ts.isInterfaceDeclaration(node)) return [...node.members];
  if (ts.isPropertySignature(node) && node.type && ts.isTypeLiteralNode(node.type)) {
    return [...node.type.members];
  }
  return [];
}

/** Every doc comment's normalised text in a declaration file. */
function docTexts(text: string): string[] {
  return [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)].map(([comment]) => normalise(comment));
}

/** A comment's words: markers, `@description` and line breaks dropped, spaces collapsed. */
function normalise(comment: string): string {
  return comment
    .replace(/^\/\*\*|\*\/$/g, "")
    .replace(/^\s*\* ?/gm, "")
    .replace(/@description\s+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
