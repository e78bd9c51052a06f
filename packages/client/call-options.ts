import type { BodyFactory } from "./context.js";

// The generated namespaces type their second argument as `CallOptions` (signal, headers). The
// runtime understands more per call; augmenting the generated interface makes those options
// type-check on every namespace method without touching generated code.
declare module "../../generated/contract.js" {
  interface CallOptions {
    /** Overrides the client's per-attempt timeout for this call (ms; `0` disables). */
    timeoutMs?: number | undefined;
    /** Overrides the client's retry budget for this call (`false` or `0`: none). */
    retries?: number | false | undefined;
    /**
     * Rebuilds the request body for a retry or for the replay after a token refresh. Needed for
     * stream bodies, which cannot be cloned without buffering them whole.
     */
    bodyFactory?: BodyFactory | undefined;
  }
}

export type { CallOptions } from "../../generated/contract.js";
