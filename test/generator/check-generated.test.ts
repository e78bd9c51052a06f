import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
import { diffTree } from "../../generator/diff-tree.js";
import { renderSpec } from "../../generator/generate.js";
import { projectRoot } from "../../spec/source.js";

describe("check:generated", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    ({ files } = await renderSpec());
  });

  it("the committed generated/ is exactly what the pinned spec generates", () => {
    expect(diffTree(files, join(projectRoot, "generated"))).toEqual([]);
  });

  it("npm run format would leave every generated file as it is (prettier's own parser per file)", async () => {
    for (const [name, text] of files) {
      const filepath = join(projectRoot, "generated", name);
      const options = await resolveConfig(filepath);
      expect((await format(text, { ...options, filepath })) === text, name).toBe(true);
    }
  });
});
