/**
 * get-request-body (D25)
 *
 * What is wrong: `GET …/services/{serviceId}/commands/build_info` declares a required request body,
 * "An empty object" (000-012). HTTP gives a GET body no meaning, fetch refuses to send one, and a
 * generated client would demand it.
 *
 * Evidence: DEFECTS.md D25; from 013 upstream drops the body.
 *
 * Repair: `requestBody` is removed from GET and HEAD operations.
 * Touches: `#/paths/<path>/get/requestBody`.
 */
import type { Repair } from "../repair.js";
import { eachOperation } from "../walk.js";

export const getRequestBody: Repair = {
  id: "get-request-body",
  defects: ["D25"],
  title: "GET operations lose their request body",
  inPinned: false,
  apply(doc, ctx) {
    eachOperation(doc, (op, site) => {
      if ((site.method !== "get" && site.method !== "head") || !("requestBody" in op)) return;
      delete op.requestBody;
      ctx.fixed(`${site.pointer}/requestBody`, "removed (GET has no body)");
    });
  },
};
