import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Re-indents every `.d.ts` under `dir` from tsc's four spaces per level to two, the layout of the
 * sources they come from (prettier's): the same declarations, a sixth smaller for the SDK. Only
 * leading spaces change; a declaration file has no multi-line string to disturb.
 */
export function reindentDeclarations(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    writeFileSync(
      file,
      text.replace(/^((?: {4})+)/gm, (indent) => " ".repeat(indent.length / 2)),
    );
  }
}
