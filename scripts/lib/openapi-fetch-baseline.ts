/**
 * openapi-fetch for a benchmark's baseline, as its own module instance. The built SDK imports
 * `openapi-fetch` from the same node_modules, so a baseline imported by name would share its
 * functions with the SDK: V8's inline caches and optimised code in `createClient`'s closures would
 * then see both callers' shapes (the SDK's Request class, its fetch, its serializers) and which
 * caller the JIT settles for depended on the run (the requests bench's ratio swung 1.04–1.25
 * between runs on a quiet machine). Loaded from the same file under a distinct URL, the baseline
 * gets functions of its own, measured as a user running only openapi-fetch would run it.
 */
type OpenapiFetch = typeof import("openapi-fetch");

/** `openapi-fetch`'s `createClient`, from a module instance the SDK does not share. */
export async function baselineCreateClient(): Promise<OpenapiFetch["default"]> {
  // The ESM entry the SDK's `import "openapi-fetch"` resolves to, under another URL.
  const mod = (await import(`${import.meta.resolve("openapi-fetch")}?baseline`)) as OpenapiFetch;
  return mod.default;
}
