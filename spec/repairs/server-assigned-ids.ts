/**
 * server-assigned-ids (semantic)
 *
 * What is wrong: the `_id` the server assigns to every resource is optional in every response
 * (`draft._id!` everywhere), absent from some (a created value, a push message, a webhook, the
 * auth provider list), and required in request bodies where a client cannot know it yet (a custom
 * resolver to create, since required-undefined moved `BaseCustomResolver`'s `_id` onto
 * `CustomResolver`; a federated data source to create).
 *
 * Evidence (per schema, in id-targets.ts): the official CLI uses each returned `_id` for its next call and
 * its server tests assert it is set ("created draft id should not be empty"); the Stitch admin
 * client's integration tests read `_id` from what create, get and list return; the docs' list-apps
 * example.
 *
 * Repair: `_id` is marked `readOnly: true` and listed in `required` where it is defined (added
 * where missing), so responses always have it and request bodies never need it (the generator
 * types bodies with the writable view); the created value's 201 response becomes `Value` (with its
 * `_id`) and the auth provider list's items gain `_id`.
 * Touches: each target in id-targets.ts.
 */
import { fact } from "../evidence.js";
import { isObject, type JsonObject } from "../json.js";
import { getAt } from "../pointer.js";
import type { Repair } from "../repair.js";
import { ID_DESCRIPTION, IDS, type IdTarget } from "./id-targets.js";

export const serverAssignedIds: Repair = {
  id: "server-assigned-ids",
  defects: ["server-id-optional"],
  title: "Server-assigned `_id`s are read-only and always present in responses",
  inPinned: true,
  facts: IDS.map((t) =>
    fact(
      targetOf(t),
      t.kind === "holder" ? `_id readOnly + required${t.add ? " (added)" : ""}` : t.change,
      t.evidence,
    ),
  ),
  apply(doc, ctx) {
    for (const t of IDS) {
      const node = getAt(doc, t.pointer);
      if (!isObject(node)) continue;
      const done =
        t.kind === "holder"
          ? markId(node, t.add)
          : t.kind === "ref"
            ? swapRef(doc, node, t.from, t.to)
            : addIdMember(node);
      if (done) ctx.fixed(targetOf(t), done);
    }
  },
};

function targetOf(t: IdTarget): string {
  return t.kind === "holder" ? `${t.pointer}/properties/_id` : t.pointer;
}

/** `_id` readOnly and required in `holder`; added (a string) when `add` is set and it is missing. */
function markId(holder: JsonObject, add: boolean | undefined): string | undefined {
  const properties = isObject(holder.properties) ? holder.properties : undefined;
  const existing = properties?._id;
  if (!isObject(existing) && !add) return undefined;
  const required = Array.isArray(holder.required) ? holder.required : [];
  if (isObject(existing) && existing.readOnly === true && required.includes("_id"))
    return undefined;
  const id = isObject(existing) ? existing : { type: "string", description: ID_DESCRIPTION };
  id.readOnly = true;
  holder.properties = { ...properties, _id: id };
  if (!required.includes("_id")) holder.required = [...required, "_id"];
  return isObject(existing) ? "_id readOnly and required" : "_id added, readOnly and required";
}

/** `$ref: from` becomes `$ref: to` when both schemas exist. */
function swapRef(doc: JsonObject, node: JsonObject, from: string, to: string): string | undefined {
  const prefix = "#/components/schemas/";
  if (node.$ref !== `${prefix}${from}` || !isObject(getAt(doc, `${prefix}${to}`))) return undefined;
  node.$ref = `${prefix}${to}`;
  return `${from} -> ${to} (with its _id)`;
}

/** A bare `$ref` becomes `allOf: [$ref, {_id readOnly, required}]`. */
function addIdMember(node: JsonObject): string | undefined {
  if (typeof node.$ref !== "string" || Object.keys(node).length !== 1) return undefined;
  const ref = node.$ref;
  delete node.$ref;
  node.allOf = [
    { $ref: ref },
    {
      type: "object",
      properties: { _id: { type: "string", description: ID_DESCRIPTION, readOnly: true } },
      required: ["_id"],
    },
  ];
  return "_id added to each item (readOnly, required)";
}
