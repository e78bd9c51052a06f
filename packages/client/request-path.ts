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
    return value === undefined || value === null ? whole : encodeURIComponent(String(value));
  });
}
