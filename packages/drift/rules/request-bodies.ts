import type { PairFacts } from "../compare/facts.js";
import type { Finding } from "../types.js";
import { q, rule, type Rule } from "./rule.js";

type Check = (ctx: { facts: readonly PairFacts[] }) => Finding[];

/** A rule looking at the old and new request body of each matched operation. */
function perBody(pick: (facts: PairFacts) => string[]): Check {
  return (ctx) =>
    ctx.facts.flatMap((f) =>
      pick(f).map((detail) => ({ operation: f.ref, location: "request body", detail })),
    );
}

function mediaTypes(facts: PairFacts, side: "old" | "new"): string[] {
  return [...(facts.pair[side].requestBody?.content.keys() ?? [])];
}

/** Request bodies appearing, disappearing, changing requiredness or media types. */
export const requestBodyRules: readonly Rule[] = [
  rule(
    "request-body-added-required",
    "breaking",
    "A required request body where there was none.",
    perBody((f) =>
      !f.pair.old.requestBody && f.pair.new.requestBody?.required
        ? ["required request body added"]
        : [],
    ),
  ),
  rule(
    "request-body-added-optional",
    "non-breaking",
    "An optional request body where there was none.",
    perBody((f) =>
      !f.pair.old.requestBody && f.pair.new.requestBody && !f.pair.new.requestBody.required
        ? ["optional request body added"]
        : [],
    ),
  ),
  rule(
    "request-body-removed",
    "breaking",
    "The request body is gone: the generated `body` parameter disappears.",
    perBody((f) =>
      f.pair.old.requestBody && !f.pair.new.requestBody ? ["request body removed"] : [],
    ),
  ),
  rule(
    "request-body-became-required",
    "breaking",
    "The request body became required.",
    perBody((f) =>
      f.pair.old.requestBody?.required === false && f.pair.new.requestBody?.required
        ? ["request body became required"]
        : [],
    ),
  ),
  rule(
    "request-body-became-optional",
    "non-breaking",
    "The request body became optional.",
    perBody((f) =>
      f.pair.old.requestBody?.required && f.pair.new.requestBody?.required === false
        ? ["request body became optional"]
        : [],
    ),
  ),
  rule(
    "request-body-media-type-removed",
    "breaking",
    "A request media type is no longer accepted: the client sends a content type the server refuses.",
    perBody((f) => {
      if (!f.pair.old.requestBody || !f.pair.new.requestBody) return [];
      const now = mediaTypes(f, "new");
      return mediaTypes(f, "old")
        .filter((m) => !now.includes(m))
        .sort()
        .map((m) => `media type ${q(m)} removed`);
    }),
  ),
  rule(
    "request-body-media-type-added",
    "non-breaking",
    "A request media type is now also accepted.",
    perBody((f) => {
      if (!f.pair.old.requestBody || !f.pair.new.requestBody) return [];
      const before = mediaTypes(f, "old");
      return mediaTypes(f, "new")
        .filter((m) => !before.includes(m))
        .sort()
        .map((m) => `media type ${q(m)} added`);
    }),
  ),
];
