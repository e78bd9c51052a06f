/**
 * The concrete request path of an operation call, filled the way openapi-fetch fills the template
 * (each value URI-encoded; a missing value leaves its `{name}`). Errors and aborts built outside
 * a call (helpers that fail before or after sending) use it too, so every error names a path the
 * same way, ids that need encoding included.
 *
 * @example
 * requestPath("/groups/{groupId}/apps/{appId}/logs", { groupId, appId }); // "/groups/g1/apps/5f1a.../logs"
 */
export function requestPath(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : encodeSegment(String(value));
  });
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// For errors about a value the path serializer refused: a lone surrogate, which
// encodeURIComponent throws on, is shown as U+FFFD instead of failing the error itself.
function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(LONE_SURROGATE, "\ufffd"));
  }
}
