import { splitDocs } from "../model/canonical.js";
import { schemaView } from "../model/schema-view.js";
import type { RefResolver } from "../model/resolve.js";

/** The members of one side's `oneOf`/`anyOf`, with the resolver of their spec. */
export interface VariantSide {
  list: readonly unknown[];
  resolver: RefResolver;
}

export interface VariantMatch {
  old: unknown;
  new: unknown;
  label: string;
}

interface Identity {
  raw: unknown;
  ref?: string;
  tag?: string;
  shape: string;
  label: string;
}

/**
 * Pairs the variants of two unions: by component name, then by a single-value property that tells
 * them apart (`type: {const: API}`, as the Logs union uses), then by identical shape. Never by
 * position: reordering a union is not a change.
 */
export function matchVariants(
  before: VariantSide,
  after: VariantSide,
): { matched: VariantMatch[]; removed: string[]; added: string[] } {
  const olds = before.list.map((raw, i) => identify(raw, i, before.resolver));
  const news = after.list.map((raw, i) => identify(raw, i, after.resolver));
  const matched: VariantMatch[] = [];
  for (const key of ["ref", "tag", "shape"] as const) {
    for (const o of [...olds]) {
      const value = o[key];
      if (value === undefined) continue;
      const candidates = news.filter((n) => n[key] === value);
      const twins = olds.filter((x) => x[key] === value);
      if (candidates.length !== 1 || twins.length !== 1) continue;
      const n = candidates[0]!;
      matched.push({ old: o.raw, new: n.raw, label: n.label });
      olds.splice(olds.indexOf(o), 1);
      news.splice(news.indexOf(n), 1);
    }
  }
  matched.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return {
    matched,
    removed: olds.map((o) => o.label).sort(),
    added: news.map((n) => n.label).sort(),
  };
}

function identify(raw: unknown, index: number, resolver: RefResolver): Identity {
  const view = schemaView(raw, resolver);
  let tag: string | undefined;
  for (const name of [...view.properties.keys()].sort()) {
    const values = schemaView(view.properties.get(name), resolver).enumValues;
    if (values?.size === 1) {
      tag = `${name}=${String(JSON.parse([...values][0]!))}`;
      break;
    }
  }
  const shape = splitDocs(raw).shape;
  const label = view.refName ?? tag ?? `variant ${index + 1}`;
  return { raw, ref: view.refName, tag, shape, label };
}
