/** One value near a valid sample, and where it differs (a JSON pointer plus what was done). */
export interface Variant {
  where: string;
  value: unknown;
}

// One value of each JSON type, so every `type` keyword meets something it must reject.
const OF_EACH_TYPE: unknown[] = [null, 7, 2.5, "text", true, [], {}];

/**
 * Values near `value` that a schema accepting `value` may or may not accept: the whole value as
 * each other JSON type; for an object, each property removed or varied in turn and an unexpected
 * property added; for an array, no items or its first item varied; for a string, another string
 * and the empty one (enum, const, pattern, minLength); for a number, far out of any bound and
 * fractional. Two schemas that agree on all of these agree on what `required`, `type`, `enum`,
 * `additionalProperties` and bounds allow around that sample, which is where a schema emitter
 * that drops or rewrites keywords would loosen or tighten it.
 */
export function variants(value: unknown, depth = 0, maxDepth = 4): Variant[] {
  const out: Variant[] = OF_EACH_TYPE.filter((other) => kind(other) !== kind(value)).map(
    (other) => ({ where: ` as ${JSON.stringify(other)}`, value: other }),
  );
  if (isPlain(value)) {
    out.push({ where: "/zzUnexpected added", value: { ...value, zzUnexpected: "x" } });
    if (depth >= maxDepth) return out;
    for (const [key, child] of Object.entries(value)) {
      const { [key]: _removed, ...without } = value;
      out.push({ where: `/${key} removed`, value: without });
      for (const v of variants(child, depth + 1, maxDepth))
        out.push({ where: `/${key}${v.where}`, value: { ...value, [key]: v.value } });
    }
  } else if (Array.isArray(value)) {
    if (value.length > 0) out.push({ where: " emptied", value: [] });
    if (value.length > 0 && depth < maxDepth)
      for (const v of variants(value[0], depth + 1, maxDepth))
        out.push({ where: `/0${v.where}`, value: [v.value, ...value.slice(1)] });
  } else if (typeof value === "string") {
    out.push({ where: ' as "zz-other"', value: "zz-other" }, { where: ' as ""', value: "" });
  } else if (typeof value === "number") {
    for (const n of [-1e12, 1e12, value + 0.5]) out.push({ where: ` as ${n}`, value: n });
  }
  return out;
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
