import { isObject } from "../../../spec/json.js";
import { schemaView, type SchemaView } from "../model/schema-view.js";
import type { RefResolver } from "../model/resolve.js";
import { typeRelation, typeText } from "./types.js";
import { constraintDeltas, enumDeltas } from "./value-deltas.js";
import type { SchemaDelta } from "./schema-delta.js";
import { matchVariants } from "./variants.js";

/** Deepest nesting compared: a guard for pathological specs, far beyond any real schema. */
const MAX_DEPTH = 64;

const DOC_ONLY = new Set(["$ref", "description", "summary", "title", "example", "examples"]);

/**
 * Compares schemas of two specs structurally, following `$ref`s on both sides. Comparisons of two
 * references are memoised (a component compared once is reused wherever it appears) and a pair
 * already being compared higher up (a recursive schema) stops the descent, so cycles terminate.
 */
export class SchemaDiffer {
  private readonly memo = new Map<string, SchemaDelta[]>();
  private readonly active = new Set<string>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  constructor(
    readonly oldResolver: RefResolver,
    readonly newResolver: RefResolver,
  ) {}

  /** Differences from `oldSchema` to `newSchema`, paths relative to them. */
  diff(oldSchema: unknown, newSchema: unknown): SchemaDelta[] {
    return this.pair(oldSchema, newSchema, 0);
  }

  private pair(oldRaw: unknown, newRaw: unknown, depth: number): SchemaDelta[] {
    if (depth > MAX_DEPTH) return [];
    const memoKey =
      pureRef(oldRaw) && pureRef(newRaw) ? `${oldRaw.$ref}\u0000${newRaw.$ref}` : undefined;
    if (memoKey !== undefined) {
      const known = this.memo.get(memoKey);
      if (known) return known;
    }
    const activeKey = memoKey ?? `${this.id(oldRaw)}\u0000${this.id(newRaw)}`;
    if (this.active.has(activeKey)) return [];
    this.active.add(activeKey);
    try {
      const deltas = this.compare(oldRaw, newRaw, depth);
      if (memoKey !== undefined) this.memo.set(memoKey, deltas);
      return deltas;
    } finally {
      this.active.delete(activeKey);
    }
  }

  private compare(oldRaw: unknown, newRaw: unknown, depth: number): SchemaDelta[] {
    const ov = schemaView(oldRaw, this.oldResolver);
    const nv = schemaView(newRaw, this.newResolver);
    const out: SchemaDelta[] = [];
    const relation = typeRelation(ov.types, nv.types);
    if (relation.kind !== "same") {
      const kind =
        relation.kind === "changed" ? "type-changed" : (`type-${relation.kind}` as const);
      out.push({ kind, path: [], from: typeText(ov), to: typeText(nv) });
      if (!relation.overlap) return out;
    }
    const typed = (v: SchemaView) => v.types !== undefined || v.enumValues !== undefined;
    if (typed(ov) && typed(nv) && ov.nullable !== nv.nullable) {
      out.push({ kind: nv.nullable ? "became-nullable" : "became-not-nullable", path: [] });
    }
    out.push(...enumDeltas(ov, nv));
    // A union on one side only (oneOf [A, B] -> A) is compared variant by variant, not by properties.
    const oneSided = (ov.variants === undefined) !== (nv.variants === undefined);
    if (!oneSided) this.properties(ov, nv, depth, out);
    for (const [key, segment] of [
      ["items", "[]"],
      ["additional", "{*}"],
    ] as const) {
      if (ov[key] === undefined && nv[key] === undefined) continue;
      if (ov[key] === undefined || nv[key] === undefined) {
        const keyword = key === "items" ? "items" : "additionalProperties";
        out.push({
          kind: "constraint-changed",
          path: [],
          values: [keyword],
          from: ov[key] === undefined ? "absent" : "a schema",
          to: nv[key] === undefined ? "absent" : "a schema",
        });
        continue;
      }
      this.child(ov[key], nv[key], segment, depth, out);
    }
    this.variants(oldRaw, ov, newRaw, nv, depth, out);
    out.push(...constraintDeltas(ov, nv));
    return out;
  }

  private properties(ov: SchemaView, nv: SchemaView, depth: number, out: SchemaDelta[]): void {
    const names = new Set([...ov.properties.keys(), ...nv.properties.keys()]);
    for (const name of [...names].sort()) {
      const before = ov.properties.get(name);
      const after = nv.properties.get(name);
      if (before === undefined) {
        const access = this.access(after, this.newResolver);
        out.push({
          kind: "property-added",
          path: [name],
          required: nv.required.has(name),
          ...access,
        });
      } else if (after === undefined) {
        const access = this.access(before, this.oldResolver);
        out.push({
          kind: "property-removed",
          path: [name],
          required: ov.required.has(name),
          ...access,
        });
      } else {
        const wasRequired = ov.required.has(name);
        if (wasRequired !== nv.required.has(name)) {
          out.push({ kind: wasRequired ? "became-optional" : "became-required", path: [name] });
        }
        this.child(before, after, name, depth, out);
      }
    }
  }

  private variants(
    oldRaw: unknown,
    ov: SchemaView,
    newRaw: unknown,
    nv: SchemaView,
    depth: number,
    out: SchemaDelta[],
  ): void {
    if (!ov.variants && !nv.variants) return;
    const { matched, removed, added } = matchVariants(
      { list: ov.variants ?? [oldRaw], resolver: this.oldResolver },
      { list: nv.variants ?? [newRaw], resolver: this.newResolver },
    );
    for (const label of removed) out.push({ kind: "variant-removed", path: [], values: [label] });
    for (const label of added) out.push({ kind: "variant-added", path: [], values: [label] });
    for (const m of matched) this.child(m.old, m.new, `<${m.label}>`, depth, out);
  }

  private child(
    before: unknown,
    after: unknown,
    segment: string,
    depth: number,
    out: SchemaDelta[],
  ): void {
    for (const d of this.pair(before, after, depth + 1))
      out.push({ ...d, path: [segment, ...d.path] });
  }

  /** A property that only travels one way does not affect the other direction. */
  private access(schema: unknown, resolver: RefResolver): { access?: "readOnly" | "writeOnly" } {
    const view = schemaView(schema, resolver);
    if (view.constraints.get("readOnly") === "true") return { access: "readOnly" };
    if (view.constraints.get("writeOnly") === "true") return { access: "writeOnly" };
    return {};
  }

  private id(value: unknown): string {
    if (!isObject(value)) return JSON.stringify(value ?? null);
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = ++this.nextId));
    return `#${id}`;
  }
}

function pureRef(value: unknown): value is { $ref: string } {
  return (
    isObject(value) &&
    typeof value.$ref === "string" &&
    Object.keys(value).every((k) => DOC_ONLY.has(k))
  );
}
