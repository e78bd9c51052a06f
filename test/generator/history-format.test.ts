/**
 * The generator writes prettier's layout itself and hands prettier only what it must
 * (emit/prettier-layout.ts); check:generated proves that for the pinned spec. This proves it for
 * a spread of historical versions (other eras of the spec: 3.0 and 3.1, other unions and
 * intersections): every generated file is exactly what prettier would make of it.
 */
import { basename, join } from "node:path";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { renderSpec } from "../../generator/generate.js";
import { historyVersions } from "./helpers/history.js";

/** Spread over the history: 2020 (3.0), the nested-namespace and 3.1 eras, the newest. */
const SAMPLE = ["010", "050", "090", "115", "130", "146"];

describe("generated files are in prettier's layout for historical specs", () => {
  const files = historyVersions().filter((f) => SAMPLE.includes(basename(f).slice(0, 3)));
  it.each(files)(
    "%s",
    async (file) => {
      const { files: rendered } = await renderSpec({ specFile: file });
      for (const [name, text] of rendered) {
        const filepath = join(file, "..", "generated", name);
        const options = await resolveConfig(join(process.cwd(), "generated", name));
        const formatted = await format(text, { ...options, filepath });
        expect(formatted === text, `${basename(file)}: ${name}`).toBe(true);
      }
    },
    300_000,
  );
});
