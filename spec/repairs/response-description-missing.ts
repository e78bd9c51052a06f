/**
 * response-description-missing (D18)
 *
 * What is wrong: Response Objects without the required `description` (108-126), e.g.
 * `…/security~1private_endpoints/get/responses/200` and
 * `…/security~1private_endpoint_service_infos/get/responses/200`. Redocly reports a struct error.
 *
 * Evidence: DEFECTS.md D18; `description` is a required field of the Response Object in 3.0/3.1.
 *
 * Repair: a missing description becomes the status code's reason phrase ("OK", …).
 * Touches: `#/paths/<path>/<method>/responses/<status>/description`, `#/components/responses/<name>/description`.
 */
import { STATUS_CODES } from "node:http";
import { isObject, type JsonObject } from "../json.js";
import type { Repair } from "../repair.js";
import { eachEntry, eachOperation } from "../walk.js";

export const responseDescriptionMissing: Repair = {
  id: "response-description-missing",
  defects: ["D18"],
  title: "Responses without a description get the status code's reason phrase",
  inPinned: false,
  apply(doc, ctx) {
    const fix = (response: JsonObject, status: string, pointer: string): void => {
      if ("$ref" in response || "description" in response) return;
      response.description =
        STATUS_CODES[Number(status)] ?? (status === "default" ? "Unexpected error" : status);
      ctx.fixed(`${pointer}/description`, `set to "${response.description}"`);
    };
    eachOperation(doc, (op, site) => {
      eachEntry(op.responses, `${site.pointer}/responses`, (response, entry) =>
        fix(response, String(entry.key), entry.pointer),
      );
    });
    const components = isObject(doc.components) ? doc.components : {};
    // A shared response has no status of its own: its name ("NotFound") says what it is.
    eachEntry(components.responses, "#/components/responses", (response, entry) =>
      fix(response, String(entry.key).replace(/([a-z])([A-Z])/g, "$1 $2"), entry.pointer),
    );
  },
};
