/**
 * Seed 004 (docs, Realm era): the Realm Admin API introduction. Its curl examples as typed SDK
 * calls, and its JSON examples as values of the generated types. Type-checked by
 * `npm run typecheck` (TypeScript 5.9 and 7), without a cast.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AssetMetadata } from "../../../generated/models.js";
import type * as admins from "../../../generated/operations/admin.js";
import type * as apps from "../../../generated/operations/apps.js";
import { app, coversSeed, type Example } from "./seed-examples.js";

const SEED = "004_39a00b602db25492.txt";

export const curls = {
  "18 POST /auth/providers/mongodb-cloud/login": (admin) =>
    admin.admin.login({
      body: { username: "<Public API Key>", apiKey: "<Private API Key>" },
    }),
  "66 GET /groups/{groupId}/apps: find the Application ID": async (admin) => {
    const list = await admin.apps.listApplications({ groupId: app.groupId });
    // "your Application ID is the ObjectId value in the `_id` field"
    for (const listed of list) expectTypeOf(listed._id).toEqualTypeOf<string>();
    return list;
  },
  "111 GET …/logs: the first page": (admin) => admin.logs.getLogs(app),
  "121 GET …/logs?end_date&skip: the next page": async (admin) => {
    const page = await admin.logs.getLogs(app);
    return admin.logs.getLogs({ ...app, end_date: page.nextEndDate, skip: page.nextSkip });
  },
  "144 POST …/drafts": (admin) => admin.deploy.createDeploymentDraft(app),
  "160 DELETE …/drafts/{draftId}": (admin) =>
    admin.deploy.discardDraft({ ...app, draftId: "<draftId>" }),
  "178 POST …/drafts/{draftId}/deployment": (admin) =>
    admin.deploy.deployDraft({ ...app, draftId: "<draftId>" }),
} satisfies Record<string, Example>;

/** The JSON examples, as values of the types the SDK gives them. */
export const json = {
  "28 the login response": {
    access_token: "<access_token>",
    refresh_token: "<refresh_token>",
    user_id: "<user_id>",
    device_id: "<device_id>",
  } satisfies admins.LoginResult,
  '75 the list of apps (environment "": no environment)': [
    {
      _id: "5997529e46224c6e42gb6dd9",
      group_id: "57879f6cc4b32dbe440bb8c5",
      domain_id: "5886619e46124e4c42fb5dd8",
      client_app_id: "myapp-abcde",
      name: "myapp",
      location: "US-VA",
      deployment_model: "GLOBAL",
      last_used: 1615153544,
      last_modified: 0,
      product: "standard",
      environment: "",
    },
  ] satisfies apps.ListApplicationsResult,
  // `<File size in bytes>` is the docs' placeholder for a number.
  "199 Asset Metadata Document Example": {
    path: "<Asset Resource Path>",
    hash: "<Asset MD5 Checksum Hash>",
    size: 0,
    attrs: [{ name: "<Metadata Attribute Name>", value: "<Metadata Attribute Value>" }],
  } satisfies AssetMetadata,
};

describe("seed 004: the Realm Admin API introduction", () => {
  it("has its examples as typed calls and values (checked by npm run typecheck)", () => {
    expectTypeOf(curls).toBeObject();
    expectTypeOf(json).toBeObject();
  });
  coversSeed(SEED, /^curl /, curls);
  coversSeed(SEED, /^```json/, json);
});
