/**
 * Seed 001 (docs, Bump.sh era): "Deployment / Draft and Deploy a Group of Changes". The page is
 * one line; its three curl examples are keyed by that line. Type-checked by `npm run typecheck`.
 */
import { describe, expectTypeOf, it } from "vitest";
import { app, common, coversSeed, type Example } from "./seed-examples.js";

const SEED = "001_10d52cda866e1152.txt";

export const curls = {
  "1 POST …/drafts: create a new draft": async (admin) => {
    const draft = await common.createDraft(admin);
    // The draft's id addresses the next calls, with no `!`.
    await admin.deploy.deployDraft({ ...app, draftId: draft._id });
    return draft;
  },
  "1 DELETE …/drafts/{draftId}: discard an existing draft": common.discardDraft,
  "1 POST …/drafts/{draftId}/deployment: deploy the draft": common.deployDraft,
} satisfies Record<string, Example>;

describe("seed 001: draft and deploy", () => {
  it("has its examples as typed calls (checked by npm run typecheck)", () => {
    expectTypeOf(curls).toBeObject();
  });
  coversSeed(SEED, /curl --request/, curls);
});
