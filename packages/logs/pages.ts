import { AdminError } from "../core/errors.js";
import { throwIfAborted, toGetLogsParams } from "./query.js";
import type { LogPage, LogQuery, LogRequestOptions, LogsClient } from "./types.js";
import { GetLogs } from "../../generated/operations/logs.js";

/**
 * Every page of a logs query, newest first: `GET /groups/{groupId}/apps/{appId}/logs` with the
 * caller's filters on every request, then `end_date` and `skip` set to the previous page's
 * `nextEndDate` and `nextSkip` exactly, until a page comes without `nextEndDate`. Each request is
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
    // A server that hands back the cursor it was given would otherwise be polled forever.
    if (next.end_date === cursor.end_date && next.skip === cursor.skip) {
      throw new AdminError(
        `GET logs returned the cursor it was sent (end_date ${next.end_date}, skip ${next.skip ?? "none"}); stopping instead of looping`,
      );
    }
    yield page;
    cursor = next;
  }
}
