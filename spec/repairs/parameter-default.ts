/**
 * parameter-default (D27)
 *
 * What is wrong: `default` written on the Parameter Object instead of its `schema` (61 versions):
 * the logs `skip`/`limit` and users `desc` parameters (000-034, incl.
 * `#/components/parameters/UsersDesc/default`), export `source_control`/`template` (101-126).
 * `default` is not a Parameter field (redocly struct error) and generators never see it.
 *
 * Evidence: DEFECTS.md D27; later versions put these defaults in `schema`.
 *
 * Repair: the value moves into `schema.default` (unless the schema already has one, in which case
 * the stray key is dropped).
 * Touches: `…/parameters/<i>/default`, `#/components/parameters/<name>/default`.
 */
import { isObject, type JsonObject } from "../json.js";
import type { Repair } from "../repair.js";
import { eachEntry, eachItem, eachOperation } from "../walk.js";

export const parameterDefault: Repair = {
  id: "parameter-default",
  defects: ["D27"],
  title: "`default` on a Parameter Object moves into its schema",
  inPinned: false,
  apply(doc, ctx) {
    const fix = (param: JsonObject, pointer: string): void => {
      if (!("default" in param) || "$ref" in param) return;
      const value = param.default;
      delete param.default;
      const schema = isObject(param.schema) ? param.schema : (param.schema = {});
      if (!("default" in schema)) schema.default = value;
      ctx.fixed(`${pointer}/default`, `moved to schema.default (${JSON.stringify(value)})`);
    };
    const components = isObject(doc.components) ? doc.components : {};
    eachEntry(components.parameters, "#/components/parameters", (p, site) => fix(p, site.pointer));
    if (isObject(doc.paths)) {
      eachEntry(doc.paths, "#/paths", (item, site) =>
        eachItem(item.parameters, `${site.pointer}/parameters`, (p, s) => fix(p, s.pointer)),
      );
    }
    eachOperation(doc, (op, site) =>
      eachItem(op.parameters, `${site.pointer}/parameters`, (p, s) => fix(p, s.pointer)),
    );
  },
};
