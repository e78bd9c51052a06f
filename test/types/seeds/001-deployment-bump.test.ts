/**
 * Seed 001 (docs, Bump.sh era): "Deployment / Draft and Deploy a Group of Changes". The page is
 * one line; its three curl examples are keyed by that line. Type-checked by `npm run typecheck`.
 */
import { describe, expectTypeOf, it } from "vitest";
import { app, coversSeed, type Example } from "./seed-examples.js";

const SEED = "001_10d52cda866e1152.txt";

export const curls = {
  "1 POST …/drafts: create a new draft": async (admin) => {
    const draft = await admin.deploy.createDeploymentDraft(app);
    // The draft's id addresses the next two calls, with no `!`.
    await admin.deploy.deployDraft({ ...app, draftId: draft._id });
    return draft;
  },
  "1 DELETE …/drafts/{draftId}: discard an existing draft": (admin) =>
    admin.deploy.discardDraft({ ...app, draftId: "<draftId>" }),
  "1 POST …/drafts/{draftId}/deployment: deploy the draft": (admin) =>
    admin.deploy.deployDraft({ ...app, draftId: "<draftId>" }),
} satisfies Record<string, Example>;

describe("seed 001: draft and deploy", () => {
  it("has its examples as typed calls (checked by npm run typecheck)", () => {
    expectTypeOf(curls).toBeObject();
  });
  coversSeed(SEED, /curl --request/, curls);
});
