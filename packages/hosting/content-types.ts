/**
 * The `Content-Type` of a hosted file from its extension: a table of the types web sites serve
 * (pages, scripts, styles, images, fonts, audio, video, documents, archives), with the values the
 * `mime` library gives for them. A table rather than that library keeps the SDK's install to
 * openapi-fetch alone; other extensions get no type and the server decides, as the official CLI
 * does for any extension it does not know. A site that needs more passes `attrs` (a function
 * may return `[{ name: "Content-Type", value: lookup(path) }]` from any library).
 */
const TYPES: Readonly<Record<string, string>> = {
  html: "text/html",
  htm: "text/html",
  css: "text/css",
  js: "text/javascript",
  mjs: "text/javascript",
  json: "application/json",
  map: "application/json",
  jsonld: "application/ld+json",
  webmanifest: "application/manifest+json",
  xml: "application/xml",
  txt: "text/plain",
  csv: "text/csv",
  md: "text/markdown",
  ics: "text/calendar",
  vtt: "text/vtt",
  yaml: "text/yaml",
  yml: "text/yaml",
  toml: "application/toml",
  svg: "image/svg+xml",
  png: "image/png",
  apng: "image/apng",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/vnd.microsoft.icon",
  bmp: "image/bmp",
  tif: "image/tiff",
  tiff: "image/tiff",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  eot: "application/vnd.ms-fontobject",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/x-flac",
  weba: "audio/webm",
  mp4: "video/mp4",
  m4v: "video/x-m4v",
  webm: "video/webm",
  ogv: "video/ogg",
  mov: "video/quicktime",
  avi: "video/x-msvideo",
  mkv: "video/x-matroska",
  "3gp": "video/3gpp",
  pdf: "application/pdf",
  epub: "application/epub+zip",
  rtf: "application/rtf",
  zip: "application/zip",
  gz: "application/gzip",
  wasm: "application/wasm",
};

/**
 * The content type for a path's extension (case-insensitive), or undefined when the name has no
 * extension or the table does not know it.
 *
 * @example
 * contentTypeOf("/logo.SVG"); // "image/svg+xml"
 * contentTypeOf("/LICENSE"); // undefined
 */
export function contentTypeOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  // A leading dot alone (`.htaccess`) names a file, not an extension.
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(TYPES, extension) ? TYPES[extension] : undefined;
}
