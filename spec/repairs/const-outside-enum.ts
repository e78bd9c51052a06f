/**
 * const-outside-enum (semantic)
 *
 * What is wrong: in versions 085-126, `AnonymousAuthProvider` pins `name` and `type` to
 * `const: anonymous`, while its base `BaseAuthProvider` types `type` as the `ProviderType` enum,
 * whose anonymous value is `anon-user`. The intersection is empty, so the generated
 * `AnonymousAuthProvider` is `never` and no anonymous provider can be created or read.
 *
 * Evidence: the `ProviderType` enum of the same versions; version 127 and later declare
 * `const: anon-user`; the official CLI's provider type for anonymous users is `anon-user`.
 *
 * Repair: `const: anonymous` becomes `const: anon-user` (and the description follows).
 * Touches: `#/components/schemas/AnonymousAuthProvider/allOf/1/properties/{name,type}/const`.
 */
import { cli, fact, history, specText } from "../evidence.js";
import { isObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";

const BASE = "#/components/schemas/AnonymousAuthProvider/allOf/1/properties";

const FACTS = ["name", "type"].map((p) =>
  fact(
    `${BASE}/${p}/const`,
    '"anonymous" -> "anon-user"',
    [
      specText(
        "#/components/schemas/ProviderType/enum",
        'the anonymous provider type is "anon-user"',
      ),
      history("127-146", 'AnonymousAuthProvider pins "anon-user"'),
      cli("cloud/realm/user.go", 'AuthProviderTypeAnonymous AuthProviderType = "anon-user"'),
    ],
    false,
  ),
);

export const constOutsideEnum: Repair = {
  id: "const-outside-enum",
  defects: ["const-contradicts-enum"],
  title:
    "The anonymous auth provider's `const: anonymous` becomes the enum's `anon-user` (085-126)",
  inPinned: false,
  facts: FACTS,
  apply(doc, ctx) {
    for (const fact of FACTS) {
      const property = getAt(doc, fact.target.replace(/\/const$/, ""));
      if (!isObject(property) || property.const !== "anonymous") continue;
      property.const = "anon-user";
      if (typeof property.description === "string")
        property.description = property.description.replace("`anonymous`", "`anon-user`");
      ctx.fixed(fact.target, '"anonymous" -> "anon-user"');
    }
  },
};
