import { isSuccess, successPairs, type PairFacts } from "../compare/facts.js";
import type { Finding } from "../types.js";
import { q, rule, type Rule } from "./rule.js";

type Check = (ctx: { facts: readonly PairFacts[] }) => Finding[];

/** A rule looking at the old and new response status codes of each matched operation. */
function perResponse(
  pick: (facts: PairFacts, olds: string[], news: string[]) => [string, string][],
): Check {
  return (ctx) =>
    ctx.facts.flatMap((f) => {
      const olds = [...f.pair.old.responses.keys()].sort();
      const news = [...f.pair.new.responses.keys()].sort();
      return pick(f, olds, news).map(([location, detail]) => ({
        operation: f.ref,
        location,
        detail,
      }));
    });
}

function statusChanged(f: PairFacts): [string, string] | undefined {
  const pairs = successPairs(f.pair.old, f.pair.new);
  const only = pairs.length === 1 ? pairs[0]! : undefined;
  return only && only[0] !== only[1] ? only : undefined;
}

function mediaDiff(f: PairFacts, gone: boolean): [string, string][] {
  return successPairs(f.pair.old, f.pair.new).flatMap(([before, after]) => {
    const o = [...f.pair.old.responses.get(before)!.keys()];
    const n = [...f.pair.new.responses.get(after)!.keys()];
    const list = gone ? o.filter((m) => !n.includes(m)) : n.filter((m) => !o.includes(m));
    return list
      .sort()
      .map((m): [string, string] => [
        `response ${after}`,
        `media type ${q(m)} ${gone ? "removed" : "added"}`,
      ]);
  });
}

/** Response status codes and media types; schemas are compared by the property rules. */
export const responseRules: readonly Rule[] = [
  rule(
    "response-success-status-removed",
    "breaking",
    "A success status is no longer returned: its typed result disappears.",
    perResponse((f, olds, news) =>
      statusChanged(f)
        ? []
        : olds
            .filter((s) => isSuccess(s) && !news.includes(s))
            .map((s) => [`response ${s}`, `success response ${s} removed`]),
    ),
  ),
  rule(
    "response-success-status-changed",
    "potentially-breaking",
    "The only success status changed (e.g. 200 -> 201): the result is still typed, code checking the status breaks.",
    perResponse((f) => {
      const change = statusChanged(f);
      return change
        ? [[`response ${change[1]}`, `success status ${change[0]} -> ${change[1]}`]]
        : [];
    }),
  ),
  rule(
    "response-success-status-added",
    "potentially-breaking",
    "Another success status: the result type becomes a union of the success bodies.",
    perResponse((f, olds, news) =>
      statusChanged(f) || !olds.some(isSuccess)
        ? []
        : news
            .filter((s) => isSuccess(s) && !olds.includes(s))
            .map((s) => [`response ${s}`, `success response ${s} added`]),
    ),
  ),
  rule(
    "response-success-status-documented",
    "non-breaking",
    "An operation that documented no success response now does (D17): its result gets a type.",
    perResponse((_f, olds, news) =>
      olds.some(isSuccess)
        ? []
        : news.filter(isSuccess).map((s) => [`response ${s}`, `success response ${s} documented`]),
    ),
  ),
  rule(
    "response-media-type-removed",
    "breaking",
    "A success response no longer has this media type: its typed body is gone.",
    perResponse((f) => mediaDiff(f, true)),
  ),
  rule(
    "response-media-type-added",
    "non-breaking",
    "A success response gained a media type (a body is now typed).",
    perResponse((f) => mediaDiff(f, false)),
  ),
  rule(
    "response-error-status-added",
    "non-breaking",
    "A newly documented error status (errors are thrown as AdminApiError).",
    perResponse((_f, olds, news) =>
      news
        .filter((s) => !isSuccess(s) && !olds.includes(s))
        .map((s) => [`response ${s}`, `error response ${s} documented`]),
    ),
  ),
  rule(
    "response-error-status-removed",
    "non-breaking",
    "An error status is no longer documented.",
    perResponse((_f, olds, news) =>
      olds
        .filter((s) => !isSuccess(s) && !news.includes(s))
        .map((s) => [`response ${s}`, `error response ${s} no longer documented`]),
    ),
  ),
];
