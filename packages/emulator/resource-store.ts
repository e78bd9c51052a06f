/** A stored resource: plain JSON, as the API shows it (before shaping by a response schema). */
export type Resource = Record<string, unknown>;

/** Everything a store holds, as plain data: what a draft snapshots and a discard restores. */
export interface StoreSnapshot {
  collections: [string, [string, Resource][]][];
  singletons: [string, unknown][];
}

/**
 * The configuration state of one app: collections of resources keyed by their concrete path below
 * the app (`functions`, `services/<serviceId>/rules`), in creation order, and single configuration
 * objects (`hosting/config`). Values are stored as given and never shared with callers.
 */
export class ResourceStore {
  #collections = new Map<string, Map<string, Resource>>();
  #singletons = new Map<string, unknown>();

  /** The resources of a collection, oldest first (copies). */
  list(key: string): Resource[] {
    return [...(this.#collections.get(key)?.values() ?? [])].map((r) => structuredClone(r));
  }

  /** One resource (a copy), or undefined. */
  get(key: string, id: string): Resource | undefined {
    const found = this.#collections.get(key)?.get(id);
    return found && structuredClone(found);
  }

  /** Whether a resource exists, without copying it. */
  has(key: string, id: string): boolean {
    return this.#collections.get(key)?.has(id) ?? false;
  }

  /** Stores a resource under its id (replacing one with the same id, keeping its place). */
  put(key: string, id: string, resource: Resource): void {
    let collection = this.#collections.get(key);
    if (!collection) this.#collections.set(key, (collection = new Map()));
    collection.set(id, structuredClone(resource));
  }

  /** Deletes a resource and everything stored below it (`services/<id>/…`); false when absent. */
  delete(key: string, id: string): boolean {
    const removed = this.#collections.get(key)?.delete(id) ?? false;
    const below = `${key}/${id}/`;
    for (const k of [...this.#collections.keys()])
      if (k.startsWith(below)) this.#collections.delete(k);
    for (const k of [...this.#singletons.keys()])
      if (k.startsWith(below)) this.#singletons.delete(k);
    return removed;
  }

  /**
   * Makes a collection hold exactly these resources, in this order; what was stored below a
   * resource that is gone (its rules, its webhooks) goes with it.
   */
  replaceCollection(key: string, resources: Resource[]): void {
    const keep = new Set(resources.map((r) => r._id as string));
    for (const id of this.#collections.get(key)?.keys() ?? [])
      if (!keep.has(id)) this.delete(key, id);
    this.#collections.set(
      key,
      new Map(resources.map((r) => [r._id as string, structuredClone(r)])),
    );
  }

  /** Removes every resource of a collection. */
  clear(key: string): void {
    for (const id of [...(this.#collections.get(key)?.keys() ?? [])]) this.delete(key, id);
  }

  /** A configuration object (a copy), or undefined when never set. */
  setting(key: string): unknown {
    const value = this.#singletons.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  /** Sets (or, with undefined, removes) a configuration object. */
  setSetting(key: string, value: unknown): void {
    if (value === undefined) this.#singletons.delete(key);
    else this.#singletons.set(key, structuredClone(value));
  }

  /** A deep copy of everything. */
  snapshot(): StoreSnapshot {
    return structuredClone({
      collections: [...this.#collections].map(
        ([k, c]) => [k, [...c]] as [string, [string, Resource][]],
      ),
      singletons: [...this.#singletons],
    });
  }

  /** Replaces everything with a snapshot's contents. */
  restore(snapshot: StoreSnapshot): void {
    const copy = structuredClone(snapshot);
    this.#collections = new Map(copy.collections.map(([k, c]) => [k, new Map(c)]));
    this.#singletons = new Map(copy.singletons);
  }
}
