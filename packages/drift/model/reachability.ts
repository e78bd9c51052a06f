import { isObject, type OpenApiDocument } from "../../../spec/json.js";
import { getAt, isLocalRef } from "../../../spec/pointer.js";
import { refSchemaName } from "./resolve.js";

/**
 * Which component schemas a part of a spec uses, directly or through other components
 * (parameters, responses, request bodies and schemas referencing schemas). Cycle-safe.
 */
export class SchemaReach {
  private readonly closures = new Map<string, ReadonlySet<string>>();

  constructor(readonly doc: OpenApiDocument) {}

  /** Names of the component schemas `value` reaches. */
  from(value: unknown): Set<string> {
    const names = new Set<string>();
    const seenRefs = new Set<string>();
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        for (const item of node) stack.push(item);
      } else if (isObject(node)) {
        const ref = node.$ref;
        if (isLocalRef(ref) && !seenRefs.has(ref)) {
          seenRefs.add(ref);
          const name = refSchemaName(ref);
          if (name !== undefined) {
            for (const n of this.closure(name)) names.add(n);
          } else {
            stack.push(getAt(this.doc, ref));
          }
        }
        for (const key of Object.keys(node)) if (key !== "$ref") stack.push(node[key]);
      }
    }
    return names;
  }

  /** The schema itself and every schema it reaches. */
  closure(name: string): ReadonlySet<string> {
    const known = this.closures.get(name);
    if (known) return known;
    const result = new Set<string>([name]);
    const pending = [name];
    while (pending.length > 0) {
      const current = pending.pop()!;
      const done = current === name ? undefined : this.closures.get(current);
      const next =
        done ?? directRefs(getAt(this.doc, `#/components/schemas/${escape(current)}`), this.doc);
      for (const n of next) {
        if (!result.has(n)) {
          result.add(n);
          if (!done) pending.push(n);
        }
      }
    }
    this.closures.set(name, result);
    return result;
  }
}

/** Schema names referenced inside `value` without following schema refs (other refs are followed). */
function directRefs(value: unknown, doc: OpenApiDocument): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (isObject(node)) {
      const ref = node.$ref;
      if (isLocalRef(ref)) {
        const name = refSchemaName(ref);
        if (name !== undefined) names.add(name);
        else if (!seen.has(ref)) {
          seen.add(ref);
          stack.push(getAt(doc, ref));
        }
      }
      for (const key of Object.keys(node)) if (key !== "$ref") stack.push(node[key]);
    }
  }
  return names;
}

function escape(name: string): string {
  return name
    .split("/")
    .map((s) => s.replace(/~/g, "~0"))
    .join("/");
}
