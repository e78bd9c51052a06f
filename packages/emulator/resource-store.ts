/** A stored resource: plain JSON, as the API shows it (before shaping by a response schema). */
export type Resource = Record<string, unknown>;

/** Everything a store holds: what a draft snapshots and a discard restores. */
export interface StoreSnapshot {
  collections: [string, [string, Resource][]][];
  singletons: [string, unknown][];
}

/**
 * The configuration state of one app: collections of resources keyed by their concrete path below
 * the app (`functions`, `services/<serviceId>/rules`), in creation order, and single configuration
 * objects (`hosting/config`). What goes in is copied once and deep-frozen, so reads hand out the
 * stored objects themselves and a snapshot shares them: nothing is copied on the way out.
 */
export class ResourceStore {
  /** The app's clock (epoch ms), for the ids of what is created in it. */
  constructor(readonly now: () => number) {}

  #collections = new Map<string, Map<string, Resource>>();
  #singletons = new Map<string, unknown>();

  /** The resources of a collection, oldest first (frozen). */
  list(key: string): Resource[] {
    return [...(this.#collections.get(key)?.values() ?? [])];
  }

  /** One resource (frozen), or undefined. */
  get(key: string, id: string): Resource | undefined {
    return this.#collections.get(key)?.get(id);
  }

  /** Whether a resource exists. */
  has(key: string, id: string): boolean {
    return this.#collections.get(key)?.has(id) ?? false;
  }

  /** Stores a copy of a resource under its id (replacing one with the same id, keeping its place). */
  put(key: string, id: string, resource: Resource): void {
    let collection = this.#collections.get(key);
    if (!collection) this.#collections.set(key, (collection = new Map()));
    collection.set(id, frozenCopy(resource));
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
    this.#collections.set(key, new Map(resources.map((r) => [r._id as string, frozenCopy(r)])));
  }

  /** A configuration object (frozen), or undefined when never set. */
  setting(key: string): unknown {
    return this.#singletons.get(key);
  }

  /** Sets (or, with undefined, removes) a configuration object. */
  setSetting(key: string, value: unknown): void {
    if (value === undefined) this.#singletons.delete(key);
    else this.#singletons.set(key, frozenCopy(value));
  }

  /** Everything, as it is now (the objects are frozen, so sharing them is safe). */
  snapshot(): StoreSnapshot {
    return {
      collections: [...this.#collections].map(([k, c]) => [k, [...c]]),
      singletons: [...this.#singletons],
    };
  }

  /** Replaces everything with a snapshot's contents. */
  restore(snapshot: StoreSnapshot): void {
    this.#collections = new Map(snapshot.collections.map(([k, c]) => [k, new Map(c)]));
    this.#singletons = new Map(snapshot.singletons);
  }
}

function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
