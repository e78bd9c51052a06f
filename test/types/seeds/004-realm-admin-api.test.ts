/**
 * Seed 004 (docs, Realm era): the Realm Admin API introduction. Its curl examples as typed SDK
 * calls, and its JSON examples as values of the generated types. Type-checked by
 * `npm run typecheck` (TypeScript 5.9 and 7), without a cast.
 */
import { describe, expectTypeOf, it } from "vitest";
import { common, commonJson, coversSeed, type Example } from "./seed-examples.js";

const SEED = "004_39a00b602db25492.txt";

export const curls = {
  "18 POST /auth/providers/mongodb-cloud/login": common.login,
  "66 GET /groups/{groupId}/apps: find the Application ID": common.listApps,
  "111 GET …/logs: the first page": common.firstLogsPage,
  "121 GET …/logs?end_date&skip: the next page": common.nextLogsPage,
  "144 POST …/drafts": common.createDraft,
  "160 DELETE …/drafts/{draftId}": common.discardDraft,
  "178 POST …/drafts/{draftId}/deployment": common.deployDraft,
} satisfies Record<string, Example>;

/** The JSON examples, as values of the types the SDK gives them. */
export const json = {
  "28 the login response": commonJson.loginResponse,
  '75 the list of apps (environment "": no environment)': commonJson.listApps,
  "199 Asset Metadata Document Example": commonJson.assetMetadata,
};

describe("seed 004: the Realm Admin API introduction", () => {
  it("has its examples as typed calls and values (checked by npm run typecheck)", () => {
    expectTypeOf(curls).toBeObject();
    expectTypeOf(json).toBeObject();
  });
  coversSeed(SEED, /^curl /, curls);
  coversSeed(SEED, /^```json/, json);
});
