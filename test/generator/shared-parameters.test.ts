/**
 * The pinned spec's shared parameters in the committed generated/ (check-generated.test.ts keeps
 * it what the generator makes): each one's doc is written once, in parameters.ts, never again in
 * an operations file, every operation that uses one joins its type, and an editor still
 * shows the doc on that parameter of every operation.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tagFileName } from "../../generator/emit/tag-file.js";
import { propertyKey } from "../../generator/emit/ts-syntax.js";
import { buildModel } from "../../generator/model/build-model.js";
import { repairedPinnedSpec } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";
import { hoverDocs, type HoverSpot } from "../package/hover-docs.js";

const model = buildModel(repairedPinnedSpec());
const generated = join(projectRoot, "generated");
const read = (name: string) => readFileSync(join(generated, name), "utf8");
/** A text's words: comment markers and line breaks dropped, spaces collapsed. */
const words = (text: string) =>
  text
    .replace(/^\s*(\/\*\*|\*\/|\*)/gm, " ")
    .replace(/\s+/g, " ")
    .trim();
const count = (text: string, part: string) => text.split(part).length - 1;

describe("the pinned spec's shared parameters", () => {
  it("are the component parameters, groupId and appId among them", () => {
    const names = model.sharedParameters.map((s) => s.typeName);
    expect(names).toContain("GroupIdParam");
    expect(names).toContain("AppIdParam");
    const users = (typeName: string) =>
      model.operations.filter((op) => op.parameters.some((p) => p.shared === typeName)).length;
    expect(users("GroupIdParam")).toBeGreaterThan(170);
    expect(users("AppIdParam")).toBeGreaterThan(170);
  });

  it("have their doc written once, in parameters.ts, and in no operations file", () => {
    const parameters = words(read("parameters.ts"));
    const operations = readdirSync(join(generated, "operations")).map((name) => ({
      name,
      text: words(read(`operations/${name}`)),
    }));
    for (const { typeName, parameter } of model.sharedParameters) {
      const doc = words(parameter.description!);
      expect(count(parameters, doc), typeName).toBe(1);
      for (const { name, text } of operations)
        expect(count(text, doc), `${typeName} in ${name}`).toBe(0);
    }
  });

  it("are joined into the params type of every operation that references them", () => {
    for (const op of model.operations) {
      const text = read(tagFileName(op.namespace));
      const head = new RegExp(`export type ${op.typeStem}Params = ([^{(;]*)`).exec(text);
      const extended = head![1]!.match(/\w+Param\b/g) ?? [];
      const grouped = new Set(op.exactlyOneOf?.flat());
      const want = op.parameters
        .filter((p) => p.component !== undefined && !grouped.has(p.name))
        .map((p) => `${p.component}Param`);
      expect(extended, op.operationId).toEqual(want);
    }
  });

  it("show their doc on hover in every operation's params", () => {
    const spots: HoverSpot[] = [];
    const expected = new Map<string, string>();
    const lines = model.namespaces.map(
      ({ namespace }) =>
        `import type * as ${namespace} from "../../generated/${tagFileName(namespace).replace(/\.ts$/, ".js")}";`,
    );
    model.operations.forEach((op, i) => {
      const shared = op.parameters.filter((p) => p.shared);
      if (shared.length === 0) return;
      const members = shared.map((p) => {
        const marker = `${propertyKey(p.name)}: undefined! /*${i}*/`;
        spots.push({ what: `${op.operationId} ${p.name}`, marker });
        expected.set(`${op.operationId} ${p.name}`, words(p.description!));
        return `  ${marker},`;
      });
      lines.push(`export const p${i}: ${op.namespace}.${op.typeStem}Params = {`, ...members, "};");
    });
    expect(spots.length).toBeGreaterThan(350);
    const shown = hoverDocs(projectRoot, "test/generator/hover-shared.ts", lines.join("\n"), spots);
    for (const [what, doc] of expected) expect(words(shown.get(what)!), what).toContain(doc);
  });
});
