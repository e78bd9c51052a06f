// Hosting: multipart/mixed asset upload (DESIGN §4) and directory sync. The other hosting calls
// (get, list, delete, move/copy, attributes, cache) are the generated `admin.hosting.*` operations.
export { uploadAsset, type UploadAssetParams } from "./upload-asset.js";
export {
  syncHosting,
  DEFAULT_SYNC_CONCURRENCY,
  type SyncHostingOptions,
  type SyncProgress,
  type SyncResult,
} from "./sync-hosting.js";
export { fromFile, LocalFile, type BlobLike, type FileInput } from "./file-input.js";
export { hashTree, type HashedEntry, type HashOptions } from "./hash-tree.js";
export { hashFile } from "./file-read.js";
export type { AssetDigest } from "./md5.js";
export { ASSET_ATTRIBUTE_NAMES, defaultAttributes, type AttributesOption } from "./attributes.js";
export type { AssetAttribute, AssetMeta } from "./multipart.js";
export type { IgnoreOption } from "./ignore-rules.js";
export {
  AssetChangedError,
  HostingPathError,
  type SyncFailure,
  type SyncOperation,
} from "./errors.js";
