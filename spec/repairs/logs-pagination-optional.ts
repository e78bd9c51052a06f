/**
 * logs-pagination-optional (D10)
 *
 * What is wrong: the 200 response of `GET …/logs` (adminGetLogs) lists `nextEndDate` and
 * `nextSkip` in `required` (035-146, pinned), so generated types promise them on every page. They
 * are present only when another page exists; the fields' own descriptions say "includes this
 * field in paginated responses" and "pass this value, if it is present". (In 000-034 they were
 * marked `required: false`, which required-boolean removes.)
 *
 * Evidence: DEFECTS.md D10; DESIGN §4 (Logs); the official CLI stops paging when `nextEndDate`
 * is absent (10gen/realm-cli internal/commands/logs/list.go).
 *
 * Repair: both names are removed from that `required` list (the list goes when it is empty).
 * Touches: `#/paths/~1groups~1{groupId}~1apps~1{appId}~1logs/get/responses/200/content/application~1json/schema/required`.
 */
import type { Repair } from "../repair.js";
import { APP_PATH, jsonSchemaOf, operationAt } from "./shared.js";

const OPTIONAL = ["nextEndDate", "nextSkip"];

export const logsPaginationOptional: Repair = {
  id: "logs-pagination-optional",
  defects: ["D10"],
  title: "Logs `nextEndDate`/`nextSkip` are optional (present only when another page exists)",
  inPinned: true,
  apply(doc, ctx) {
    const logs = operationAt(doc, `${APP_PATH}/logs`, "get");
    const responses = logs?.op.responses as Record<string, unknown> | undefined;
    const json = logs && jsonSchemaOf(responses?.["200"], `${logs.pointer}/responses/200`);
    const required = json?.schema.required;
    if (!json || !Array.isArray(required)) return;
    const listed = required.filter((n) => OPTIONAL.includes(n as string));
    if (listed.length === 0) return;
    const kept = required.filter((n) => !OPTIONAL.includes(n as string));
    if (kept.length > 0) json.schema.required = kept;
    else delete json.schema.required;
    ctx.fixed(`${json.pointer}/required`, `${listed.join(", ")} no longer required`);
  },
};
