import { AdminError } from "../core/errors.js";
import { throwIfAborted, toGetLogsParams } from "./query.js";
import type { LogPage, LogQuery, LogRequestOptions, LogsClient } from "./types.js";
import { GetLogs } from "../../generated/operations/logs.js";

/**
 * Every page of a logs query, newest first: `GET /groups/{groupId}/apps/{appId}/logs` with the
 * caller's filters on every request, then `end_date` and `skip` set to the previous page's
 * `nextEndDate` and `nextSkip` exactly, until a page comes without `nextEndDate` or with one at
 * or before `start_date`. A cursor not further back than the one it answers (an earlier instant,
 * or the same one with a larger skip), or with a page of no entries, ends the pages with an
 * `AdminError` naming both, since following it could page for ever; so does a `logs` that is not
 * a list. Each request is a generated-operation call, so it gets the client's session refresh,
 * retries and typed errors (`AdminApiError` and friends). Pages are fetched one at a time, as they
 * are asked for; an abort throws `AdminAbortError`.
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
  const read = pageReader(client, query, options);
  for (;;) {
    const page = await read();
    if (page === undefined) return;
    yield page;
  }
}

// `logPages` as a function: each call requests the next page; undefined after the last (no
// request). iterateLogs reads its pages through it, without a generator's promise turns and
// objects per page. One call at a time; none after a rejection.
export function pageReader(
  client: LogsClient,
  query: LogQuery,
  options: LogRequestOptions,
): () => Promise<LogPage | undefined> {
  const first = toGetLogsParams(query);
  // Undefined once the last page has been read.
  let cursor: { end_date?: string | undefined; skip?: number | undefined } | undefined = {
    end_date: first.end_date,
    skip: first.skip,
  };
  // Where the cursor stands: pages go back in time, so each cursor must be an earlier instant, or
  // the same one further in (a larger skip). A server that answers otherwise (A→A, A→B→A) would
  // be paged for ever; one comparison per page catches every such cycle without keeping them all.
  let at = first.end_date ? Date.parse(first.end_date) : Infinity;
  // `start_date` is exclusive: no entry the query takes is at or before it.
  const start = first.start_date ? Date.parse(first.start_date) : -Infinity;
  return async () => {
    if (cursor === undefined) return undefined;
    throwIfAborted(options.signal, query);
    const body = await client.call(GetLogs, { ...first, ...cursor }, options);
    const page: LogPage = { logs: body?.logs ?? [] };
    // A list on the wire (realm-cli's `logsResponse`), not a string to walk.
    if (!Array.isArray(page.logs)) {
      throw new AdminError(`GET logs returned logs as ${typeof page.logs}, not a list of entries`);
    }
    const next = { end_date: body?.nextEndDate, skip: body?.nextSkip };
    const time = Date.parse(next.end_date!);
    if (next.end_date === undefined || time <= start) {
      cursor = undefined;
      return page;
    }
    // The next page's first entry is at the cursor: an empty page would have held it.
    if (
      page.logs.length === 0 ||
      !(time < at || (time === at && (next.skip ?? 0) > (cursor.skip ?? 0)))
    ) {
      throw new AdminError(
        `GET logs returned the cursor ${JSON.stringify(next)} after ${JSON.stringify(cursor)}${page.logs.length ? ", not further back" : " with no entries"}: stopping instead of looping`,
      );
    }
    page.nextEndDate = next.end_date;
    if (next.skip !== undefined) page.nextSkip = next.skip;
    at = time;
    cursor = next;
    return page;
  };
}
