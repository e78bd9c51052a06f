import { createHash } from "node:crypto";

/** A metadata attribute of a hosted file (an HTTP header the CDN serves it with). */
export interface AssetAttribute {
  name: string;
  value: string;
}

/** One hosted file. */
export interface Asset {
  path: string;
  bytes: Uint8Array;
  hash: string;
  attrs: AssetAttribute[];
  /** Unix seconds. */
  lastModified: number;
}

/** The attribute names the real API accepts. */
export const ALLOWED_ATTRIBUTES = [
  "Content-Type",
  "Content-Disposition",
  "Content-Language",
  "Content-Encoding",
  "Cache-Control",
  "Website-Redirect-Location",
];

/** Lowercase hex MD5, the hash the hosting API checks uploads against. */
export function md5Hex(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** An app's hosted files, by resource path. */
export class HostingStore {
  #assets = new Map<string, Asset>();
  /** Cache invalidations received, newest last (paths as sent). */
  readonly invalidations: string[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  get(path: string): Asset | undefined {
    return this.#assets.get(path);
  }

  /** Stores a file; `hash` is its MD5 when the caller has already computed it (an upload checks it). */
  put(path: string, bytes: Uint8Array, attrs: AssetAttribute[], hash = md5Hex(bytes)): Asset {
    const asset = { path, bytes, hash, attrs, lastModified: Math.floor(this.now() / 1000) };
    this.#assets.set(path, asset);
    return asset;
  }

  setAttributes(path: string, attrs: AssetAttribute[]): boolean {
    const asset = this.#assets.get(path);
    if (!asset) return false;
    this.#assets.set(path, { ...asset, attrs, lastModified: Math.floor(this.now() / 1000) });
    return true;
  }

  delete(path: string): boolean {
    return this.#assets.delete(path);
  }

  /** Copies (or moves) a file to a new path; false when the source does not exist. */
  copy(from: string, to: string, move: boolean): boolean {
    const asset = this.#assets.get(from);
    if (!asset) return false;
    this.#assets.set(to, { ...asset, path: to, lastModified: Math.floor(this.now() / 1000) });
    if (move && from !== to) this.#assets.delete(from);
    return true;
  }

  /** Files sorted by path, optionally only those under a prefix. */
  list(prefix = "/"): Asset[] {
    return [...this.#assets.values()]
      .filter((a) => a.path.startsWith(prefix))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** A copy of the current files, for a draft to restore on discard (assets are never mutated). */
  snapshot(): Map<string, Asset> {
    return new Map(this.#assets);
  }

  restore(snapshot: Map<string, Asset>): void {
    this.#assets = new Map(snapshot);
  }
}
