import { describe, expect, test } from "vitest";
import { contentTypeOf } from "../../packages/hosting/content-types.js";

describe("contentTypeOf", () => {
  test.each([
    ["/index.html", "text/html"],
    ["/a/b/app.mjs", "text/javascript"],
    ["/logo.SVG", "image/svg+xml"],
    ["/fonts/x.woff2", "font/woff2"],
    ["/archive.tar.gz", "application/gzip"],
    ["/dir.with.dots/file.webmanifest", "application/manifest+json"],
  ])("%s is %s", (path, type) => {
    expect(contentTypeOf(path)).toBe(type);
  });

  test.each([
    "/LICENSE",
    "/.htaccess",
    "/file.",
    "/dir.css/README",
    "/x.unknownext",
    "/x.constructor",
  ])("%s has none (the server decides)", (path) => {
    expect(contentTypeOf(path)).toBeUndefined();
  });
});
