import type { RequestContext } from "./http.js";
import type { CollectionHooks } from "./resource-routes.js";

/**
 * The access list: an entry made with `use_current` (realm-cli `accesslist create --use-current`
 * sends `{"address": "", "use_current": true}`) is the caller's own address. No two entries share
 * an address, checked on the address stored: two `use_current` entries from one caller collide.
 */
export const accessListHooks: Record<string, CollectionHooks> = {
  "security/access_list": {
    created: (entry, _app, ctx) => {
      const useCurrent = entry.use_current === true;
      delete entry.use_current;
      if (useCurrent && entry.address === "") entry.address = callerAddress(ctx);
    },
    uniqueField: "address",
  },
};

/** The caller's IPv4 address without the `::ffff:` a dual-stack socket puts before it. */
function callerAddress(ctx: RequestContext): string {
  const address = ctx.remoteAddress ?? "";
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}
