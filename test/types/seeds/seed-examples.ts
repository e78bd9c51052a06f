import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, expectTypeOf, it } from "vitest";
import type { AdminNamespaces } from "../../../generated/client.js";
import type { AssetMetadata } from "../../../generated/models.js";
import type * as admins from "../../../generated/operations/admin.js";
import type * as apps from "../../../generated/operations/apps.js";
import { projectRoot } from "../../../spec/source.js";

/**
 * One example of a seed (../shared/seeds/) written as an SDK call. Its key starts with the line of
 * the seed where the example is (a "Request samples" block, a request body, a `curl` command), so
 * the coverage check below can tell that none is missing.
 */
export type Example = (admin: AdminNamespaces) => Promise<unknown>;

/**
 * The seeds: `seeds/` of the shared folder (`$APPSERVICES_SHARED_DIR`, else `../shared` beside the
 * checkout). They are docs pages, not part of the repository.
 */
const seedsDir = join(
  resolve(process.env.APPSERVICES_SHARED_DIR ?? join(projectRoot, "..", "shared")),
  "seeds",
);

/** The docs' placeholders for the IDs every path takes. */
export const app = { groupId: "<groupId>", appId: "<appId>" };

/** The line (1-based) of each example a seed file has, once per example on that line. */
export function exampleLines(seed: string, start: RegExp): number[] {
  const text = readFileSync(join(seedsDir, seed), "utf8");
  const global = new RegExp(start.source, `${start.flags.replace("g", "")}g`);
  return text.split("\n").flatMap((line, i) => [...line.matchAll(global)].map(() => i + 1));
}

/**
 * Checks that the examples, those that type-check and those the docs get wrong together, start at
 * exactly the seed's example lines: each example written once, none left out.
 */
export function coversSeed(
  seed: string,
  start: RegExp,
  ...groups: Record<string, unknown>[]
): void {
  // The calls type-check without the seed files; only this count needs them.
  it.skipIf(!existsSync(seedsDir))(`covers every example of ${seed} (${start})`, () => {
    const lines = groups
      .flatMap((g) => Object.keys(g))
      .map((key) => Number(/^(\d+) /.exec(key)?.[1]))
      .sort((a, b) => a - b);
    expect(lines).toEqual(exampleLines(seed, start));
  });
}

/** The examples several seeds share: the docs copied them from page to page. */
export const common = {
  login: (admin) =>
    admin.admin.login({ body: { username: "<Public API Key>", apiKey: "<Private API Key>" } }),
  /** "Your Application ID is the ObjectId value in the `_id` field". */
  listApps: async (admin) => {
    const list = await admin.apps.listApplications({ groupId: app.groupId });
    for (const listed of list) expectTypeOf(listed._id).toEqualTypeOf<string>();
    return list;
  },
  firstLogsPage: (admin) => admin.logs.getLogs(app),
  /** The next page: `end_date` and `skip` from the previous page's `nextEndDate`, `nextSkip`. */
  nextLogsPage: async (admin) => {
    const page = await admin.logs.getLogs(app);
    return admin.logs.getLogs({ ...app, end_date: page.nextEndDate, skip: page.nextSkip });
  },
  createDraft: async (admin) => {
    const draft = await admin.deploy.createDeploymentDraft(app);
    expectTypeOf(draft._id).toEqualTypeOf<string>();
    return draft;
  },
  discardDraft: (admin) => admin.deploy.discardDraft({ ...app, draftId: "<draftId>" }),
  /** The curl sends no body: the deployment is named after its id. */
  deployDraft: (admin) => admin.deploy.deployDraft({ ...app, draftId: "<draftId>" }),
} satisfies Record<string, Example>;

/** JSON examples several seeds share, as values of the types the SDK gives them. */
export const commonJson = {
  loginResponse: {
    access_token: "<access_token>",
    refresh_token: "<refresh_token>",
    user_id: "<user_id>",
    device_id: "<device_id>",
  } satisfies admins.LoginResult,
  /** `environment: ""`: an app without an environment. */
  listApps: [
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
  /** `<File size in bytes>` is the docs' placeholder for a number. */
  assetMetadata: {
    path: "<Asset Resource Path>",
    hash: "<Asset MD5 Checksum Hash>",
    size: 0,
    attrs: [{ name: "<Metadata Attribute Name>", value: "<Metadata Attribute Value>" }],
  } satisfies AssetMetadata,
};
