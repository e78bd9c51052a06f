/**
 * unresolved-refs (D5)
 *
 * What is wrong: `#/components/schemas/FacebookAuthProvider/allOf/0/$ref` points at
 * `#/components/schemas/BaseOAuthProvider`, which does not exist (085-086). Both generators fail
 * on the document and redocly reports `no-unresolved-refs`.
 *
 * Evidence: DEFECTS.md D5; in 087 upstream points it at `BaseAuthProvider`, as its siblings
 * (`GoogleAuthProvider`, `AppleAuthProvider`, …) already did.
 *
 * Repair: a local ref to a missing component is rewritten to its known replacement (RENAMED),
 * only when the replacement exists. Any other dangling ref is left for the lint gate to report.
 * Touches: each `…/$ref` to a renamed component.
 */
import type { Repair } from "../repair.js";
import { getAt } from "../pointer.js";
import { rewriteRefs } from "./hoist-nested-schemas.js";

/** Missing target -> the component upstream meant, with the version that shows it. */
const RENAMED = new Map<string, string>([
  ["#/components/schemas/BaseOAuthProvider", "#/components/schemas/BaseAuthProvider"], // fixed in 087
]);

export const unresolvedRefs: Repair = {
  id: "unresolved-refs",
  defects: ["D5"],
  title: "Refs to components that do not exist point at the component upstream meant",
  inPinned: false,
  apply(doc, ctx) {
    rewriteRefs(doc, "#", (ref, pointer) => {
      const to = RENAMED.get(ref);
      if (!to || getAt(doc, ref) !== undefined || getAt(doc, to) === undefined) return ref;
      ctx.fixed(pointer, `${ref} does not exist -> ${to}`);
      return to;
    });
  },
};
