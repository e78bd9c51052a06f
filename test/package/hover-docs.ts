import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as TS from "typescript";

/** A place in a consumer's source (`marker` is the text just after the hovered position). */
export interface HoverSpot {
  what: string;
  marker: string;
}

/**
 * What an editor shows on hover (TypeScript's quick info: documentation and tags, as plain text)
 * at each spot of `source`, compiled as `file` in `project` (its node_modules, nodenext,
 * no @types), the way VS Code's TypeScript server computes it.
 */
export function hoverDocs(
  project: string,
  file: string,
  source: string,
  spots: readonly HoverSpot[],
): Map<string, string> {
  const ts = createRequire(import.meta.url)("typescript") as typeof TS;
  const path = join(project, file);
  const options: TS.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: [],
    strict: true,
    noEmit: true,
  };
  const host: TS.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [path],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) =>
      ts.ScriptSnapshot.fromString(name === path ? source : readFileSync(name, "utf8")),
    getCurrentDirectory: () => project,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name === path || ts.sys.fileExists(name),
    readFile: (name) => (name === path ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const shown = new Map<string, string>();
  for (const { what, marker } of spots) {
    const at = source.indexOf(marker);
    if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} is not in the source`);
    const info = service.getQuickInfoAtPosition(path, at);
    const docs = ts.displayPartsToString(info?.documentation ?? []);
    const tags = (info?.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`);
    shown.set(what, [docs, ...tags].join("\n").trim());
  }
  service.dispose();
  return shown;
}
