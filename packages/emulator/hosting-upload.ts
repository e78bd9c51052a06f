import { validateHeaderValue } from "node:http";
import { leavesFolder } from "./file-names.js";
import { checkRequiredParts, type FormParts } from "./form-body.js";
import { invalidParameter } from "./http.js";
import { ALLOWED_ATTRIBUTES, md5Hex, type AssetAttribute } from "./hosting-store.js";

/** A checked upload: where to put which bytes with which attributes, and their MD5. */
export interface Upload {
  path: string;
  bytes: Uint8Array;
  /** Lowercase hex MD5 of `bytes` (checked against `meta.hash`, so the store need not hash again). */
  hash: string;
  attrs: AssetAttribute[];
}

/**
 * Reads `PUT …/hosting/assets/asset` from its multipart parts, found by name (`meta`, the JSON
 * metadata, and `file`, the raw bytes), whatever their order or content types. The path comes
 * from `?path=` or else from `meta.path`; `meta.hash` (lowercase hex MD5) and `meta.size` must match
 * the bytes, as on the real server.
 */
export function parseUpload(parts: FormParts, queryPath: string | null): Upload {
  // The pipeline checks the parts the spec requires; without operation schemas, this does.
  checkRequiredParts(parts, { required: ["meta", "file"] });
  const metaBytes = parts.get("meta")!.bytes;
  const bytes = parts.get("file")!.bytes;
  const meta = parseMeta(metaBytes);
  const path = queryPath ?? (typeof meta.path === "string" ? meta.path : undefined);
  if (!path) throw invalidParameter("asset path", "give ?path= or a 'path' in the meta part");
  checkPath(path, queryPath !== null ? "query parameter 'path'" : "meta.path");
  const hash = md5Hex(bytes);
  if (typeof meta.hash !== "string" || meta.hash !== hash) {
    throw invalidParameter(
      "meta.hash",
      `must be the lowercase hex MD5 of the file part (${hash}), got ${JSON.stringify(meta.hash ?? null)}`,
    );
  }
  if (meta.size !== undefined && meta.size !== bytes.byteLength) {
    throw invalidParameter(
      "meta.size",
      `must be the byte length of the file part (${bytes.byteLength}), got ${JSON.stringify(meta.size)}`,
    );
  }
  return { path, bytes, hash, attrs: checkAttributes(meta.attrs ?? [], "meta.attrs") };
}

function parseMeta(bytes: Uint8Array): Record<string, unknown> {
  let meta: unknown;
  try {
    // A view of the part, not a copy of it.
    meta = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString());
  } catch (error) {
    throw invalidParameter("meta part", `not valid JSON (${(error as Error).message})`);
  }
  if (typeof meta !== "object" || meta === null || Array.isArray(meta))
    throw invalidParameter("meta part", "must be a JSON object");
  return meta as Record<string, unknown>;
}

/**
 * An asset path is absolute and names a file; no `.` or `..` segment, which a client writing the
 * assets to a folder would step out of it by (realm-cli hosting.go joins the path to its folder).
 */
export function checkPath(path: string, where: string): void {
  if (!path.startsWith("/") || path.endsWith("/") || leavesFolder(path)) {
    throw invalidParameter(
      where,
      `an asset path starts with '/', names a file and has no '.' or '..' segment, got '${path}'`,
    );
  }
}

/** Checks `[{name, value}]` against the attribute names the real API allows. */
export function checkAttributes(value: unknown, where: string): AssetAttribute[] {
  if (!Array.isArray(value)) throw invalidParameter(where, "must be an array of {name, value}");
  return value.map((attr: unknown, i) => {
    const a = attr as Partial<AssetAttribute> | null;
    if (
      typeof a !== "object" ||
      a === null ||
      typeof a.name !== "string" ||
      typeof a.value !== "string"
    ) {
      throw invalidParameter(`${where}[${i}]`, "must be {name: string, value: string}");
    }
    if (!ALLOWED_ATTRIBUTES.includes(a.name)) {
      throw invalidParameter(
        `${where}[${i}].name`,
        `'${a.name}' is not one of ${ALLOWED_ATTRIBUTES.join(", ")}`,
      );
    }
    try {
      // The hosted file sends each attribute as a header: one Node cannot write would be a 500
      // on every fetch of the file, so it is refused here.
      validateHeaderValue(a.name, a.value);
    } catch {
      throw invalidParameter(
        `${where}[${i}].value`,
        "must be a valid HTTP header value (no control characters, Latin-1 only)",
      );
    }
    return { name: a.name, value: a.value };
  });
}
