/**
 * Seed 000 (docs, Realm era): "Deploy Changes with Atlas App Services API" — create a draft, make
 * changes, deploy the draft. Every curl example as a typed SDK call; type-checked by
 * `npm run typecheck` (TypeScript 5.9 and 7), without a cast.
 */
import { describe, expectTypeOf, it } from "vitest";
import { common, coversSeed, type Example } from "./seed-examples.js";

const SEED = "000_0f267c7cb77c5564.txt";

/** The curl examples, keyed by the seed line the command starts on. */
export const curls = {
  "24 POST …/drafts: create a new draft": common.createDraft,
  "39 DELETE …/drafts/{draftId}: discard the draft": common.discardDraft,
  "50 POST …/drafts/{draftId}/deployment: deploy the draft (no body)": common.deployDraft,
} satisfies Record<string, Example>;

describe("seed 000: deploy with the API", () => {
  it("has its examples as typed calls (checked by npm run typecheck)", () => {
    expectTypeOf(curls).toBeObject();
  });
  coversSeed(SEED, /^curl /, curls);
});
