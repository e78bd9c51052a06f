import { unresolvedRefs } from "../../../spec/repairs/unresolved-refs.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const doc = (ref: string, withBase = true) =>
  openapi({
    components: {
      schemas: {
        ...(withBase ? { BaseAuthProvider: { type: "object" } } : {}),
        FacebookAuthProvider: { allOf: [{ $ref: ref }, { title: "FacebookAuthProvider" }] },
      },
    },
  });

repairTable(
  unresolvedRefs,
  [
    {
      name: "BaseOAuthProvider -> BaseAuthProvider (085-086)",
      given: doc("#/components/schemas/BaseOAuthProvider"),
      want: doc("#/components/schemas/BaseAuthProvider"),
      fixes: ["#/components/schemas/FacebookAuthProvider/allOf/0/$ref"],
    },
  ],
  [
    doc("#/components/schemas/BaseAuthProvider"),
    // Without the replacement there is nothing to point at: left for the lint gate.
    doc("#/components/schemas/BaseOAuthProvider", false),
    // An unknown dangling ref is not guessed.
    doc("#/components/schemas/Nowhere"),
  ],
);
