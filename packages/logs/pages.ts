import { AdminError } from "../core/errors.js";
import { throwIfAborted, toGetLogsParams } from "./query.js";
import type { LogPage, LogQuery, LogRequestOptions, LogsClient } from "./types.js";
import { GetLogs } from "../../generated/operations/logs.js";

/**
 * Every page of a logs query, newest first: `GET /groups/{groupId}/apps/{appId}/logs` with the
 * caller's filters on every request, then `end_date` and `skip` set to the previous page's
 * `nextEndDate` and `nextSkip` exactly, until a page comes without `nextEndDate`; a cursor that
 * does not lie further back than the one it answers (an earlier instant, or the same one with a
 * larger skip) ends the pages with an `AdminError`, since following it could loop. Each request is
 * a generated-operation call, so it gets the client's session refresh, retries and typed errors
 * (`AdminApiError` and friends). Pages are fetched one at a time, as they are asked for; an abort
 * throws `AdminAbortError`.
 *
 * @example
 * for await (const page of logPages(admin, { groupId, appId, type: ["FUNCTION", "AUTH"] })) {
 *   console.log(page.logs.length, page.nextEndDate);
 * }
 */
export async function* logPages(
  client: LogsClient,
  query: LogQuery,
  options: LogRequestOptions = {},
): AsyncGenerator<LogPage, void, undefined> {
  const first = toGetLogsParams(query);
  let cursor = { end_date: first.end_date, skip: first.skip };
  // Where the cursor stands: pages go back in time, so each cursor must be an earlier instant, or
  // the same one further in (a larger skip). A server that answers otherwise (A→A, A→B→A) would
  // be paged for ever; one comparison per page catches every such cycle without keeping them all.
  let at = first.end_date ? Date.parse(first.end_date) : Infinity;
  for (;;) {
    throwIfAborted(options.signal, query);
    const body = await client.call(GetLogs, { ...first, ...cursor }, options);
    const page: LogPage = { logs: body?.logs ?? [] };
    if (body?.nextEndDate === undefined) {
      yield page;
      return;
    }
    page.nextEndDate = body.nextEndDate;
    if (body.nextSkip !== undefined) page.nextSkip = body.nextSkip;
    const next = { end_date: page.nextEndDate, skip: page.nextSkip };
    const time = Date.parse(next.end_date);
    if (!(time < at || (time === at && (next.skip ?? 0) > (cursor.skip ?? 0)))) {
      throw new AdminError(
        `GET logs returned the cursor ${JSON.stringify(next)} after ${JSON.stringify(cursor)}, not further back: stopping instead of looping`,
      );
    }
    at = time;
    yield page;
    cursor = next;
  }
}
