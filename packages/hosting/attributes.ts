import { contentTypeOf } from "./content-types.js";
import type { AssetAttribute } from "./multipart.js";

/** The attribute names the hosting API accepts (DESIGN §4). */
export const ASSET_ATTRIBUTE_NAMES = [
  "Content-Type",
  "Content-Disposition",
  "Content-Language",
  "Content-Encoding",
  "Cache-Control",
  "Website-Redirect-Location",
] as const;

/**
 * The attributes an asset gets when none are given: a `Content-Type` from its extension, like the
 * official CLI (which uploads with none when the extension is unknown, leaving the type to the
 * server). The types come from a table of web content types (`contentTypeOf`); pass `attrs`
 * for others.
 *
 * @example
 * defaultAttributes("/index.html"); // [{ name: "Content-Type", value: "text/html" }]
 * defaultAttributes("/LICENSE"); // []
 */
export function defaultAttributes(assetPath: string): AssetAttribute[] {
  const type = contentTypeOf(assetPath);
  return type ? [{ name: "Content-Type", value: type }] : [];
}

/** Whether two attribute lists hold the same name/value pairs, in any order. */
export function sameAttributes(
  a: readonly AssetAttribute[],
  b: readonly AssetAttribute[],
): boolean {
  if (a.length !== b.length) return false;
  // Mostly the lists are the ones the last sync sent, in the same order: no sorted copies then.
  if (a.every((attr, i) => attr.name === b[i]!.name && attr.value === b[i]!.value)) return true;
  const left = sortAttributes(a);
  const right = sortAttributes(b);
  return left.every((attr, i) => attr.name === right[i]!.name && attr.value === right[i]!.value);
}

/** A sorted copy (by name, then value), as the CLI compares them. */
export function sortAttributes(attrs: readonly AssetAttribute[]): AssetAttribute[] {
  return [...attrs].sort((x, y) => compare(x.name, y.name) || compare(x.value, y.value));
}

/** Plain `{name, value}` copies; refuses anything that is not a list of string pairs. */
export function checkAttributes(attrs: unknown, where: string): AssetAttribute[] {
  if (!Array.isArray(attrs)) throw new TypeError(`${where} must be an array of {name, value}`);
  return attrs.map((attr: unknown, i) => {
    if (!isAttribute(attr))
      throw new TypeError(`${where}[${i}] must be {name: string, value: string}`);
    return { name: attr.name, value: attr.value };
  });
}

/** Whether a value is a `{name, value}` pair of strings. */
export function isAttribute(value: unknown): value is AssetAttribute {
  const attr = value as Partial<AssetAttribute> | null;
  return (
    typeof attr === "object" &&
    attr !== null &&
    typeof attr.name === "string" &&
    typeof attr.value === "string"
  );
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Attributes per resource path: a map, or a function (undefined: the default `Content-Type`). */
export type AttributesOption =
  Readonly<Record<string, AssetAttribute[]>> | ((path: string) => AssetAttribute[] | undefined);

/** Resolves the attributes of each path: the option's answer, checked, else the default. */
export function attributesResolver(
  option: AttributesOption | undefined,
): (path: string) => AssetAttribute[] {
  if (option === undefined) return defaultAttributes;
  const given =
    typeof option === "function"
      ? option
      : (path: string) => (Object.hasOwn(option, path) ? option[path] : undefined);
  return (path) => {
    const attrs = given(path);
    return attrs === undefined
      ? defaultAttributes(path)
      : checkAttributes(attrs, `attrs for ${path}`);
  };
}
