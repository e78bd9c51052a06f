import type { Hash } from "node:crypto";
import { nodeCrypto } from "./node-builtins.js";

/** The digest the hosting API checks uploads against: an asset's MD5 and its byte length. */
export interface AssetDigest {
  /** Lowercase hex MD5 of the bytes. */
  hash: string;
  /** Number of bytes. */
  size: number;
}

/**
 * Lowercase hex MD5 of `bytes`, in one call: `crypto.hash` (Node >= 20.12) makes no Hash object,
 * which a sync of thousands of small files would otherwise make and collect once per file.
 */
export function md5Hex(bytes: Uint8Array): string {
  const crypto = nodeCrypto();
  // Runtimes that mirror node:crypto without the one-shot form still have createHash.
  return typeof crypto.hash === "function"
    ? crypto.hash("md5", bytes, "hex")
    : crypto.createHash("md5").update(bytes).digest("hex");
}

/** An MD5 computed chunk by chunk, counting bytes as it goes. */
export class Md5Counter {
  readonly #hash: Hash = nodeCrypto().createHash("md5");
  size = 0;

  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    this.size += chunk.byteLength;
  }

  digest(): AssetDigest {
    return { hash: this.#hash.digest("hex"), size: this.size };
  }
}
