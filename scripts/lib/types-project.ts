import { writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Writes `tsconfig.<name>.json` into `work`: a strict project checking every `.ts` file under
 * `dir`, `skipLibCheck`, with the DOM lib and no `@types` (so nothing of Node is needed). The
 * project bench:types times and the type-cost test counts; returns the file's path.
 */
export function typesProject(work: string, name: string, dir: string): string {
  const file = join(work, `tsconfig.${name}.json`);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: [],
  };
  writeFileSync(file, JSON.stringify({ compilerOptions, include: [join(dir, "**", "*.ts")] }));
  return file;
}
