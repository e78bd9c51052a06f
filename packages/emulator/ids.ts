import { randomBytes } from "node:crypto";

const PROCESS_PART = randomBytes(5).toString("hex");
let counter = randomBytes(2).readUInt16BE(0);

/**
 * A fresh 24-hex ObjectId laid out like BSON's: 4 bytes of seconds, 5 random bytes per process, a
 * 3-byte counter. The seconds are `nowMs`'s, the emulator's clock: an id's time agrees with the
 * `creation_date` or `last_modified` made with it, as on the server. Ids made later sort later
 * ("oldest first" is "by `_id`") while the clock does not run backwards. Like BSON's, the seconds
 * wrap at 2^32, so any clock gives 24 hex digits.
 */
export function newObjectId(nowMs: number): string {
  const seconds = (Math.floor(nowMs / 1000) >>> 0).toString(16).padStart(8, "0");
  counter = (counter + 1) % 0x1000000;
  return seconds + PROCESS_PART + counter.toString(16).padStart(6, "0");
}

/** True for a 24-hex ObjectId string. */
export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value);
}

/** 32-bit FNV-1a of a string: the seed of every deterministic choice the emulator makes. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 24-hex ObjectId derived from a text, so the same resource path always gets the same id. */
export function objectIdFrom(text: string): string {
  const next = prng(hash32(text));
  let hex = "";
  while (hex.length < 24)
    hex += Math.floor(next() * 0x10000)
      .toString(16)
      .padStart(4, "0");
  // A plausible 2023 creation time keeps derived ids looking like real ones.
  return (0x63c00000 + (hash32(text) % 0x2000000)).toString(16) + hex.slice(8, 24);
}

/** `n` random lowercase letters, as in a client App ID suffix (`myapp-abcde`). */
export function randomLetters(n: number, next: () => number = Math.random): string {
  let out = "";
  for (let i = 0; i < n; i++) out += String.fromCharCode(97 + Math.floor(next() * 26));
  return out;
}
