// internal/cloud/realm/import_export_test.go
import { strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { secrets } from "./api-app-resources.js";
import { createApp, deleteApp } from "./api-apps.js";
import { exportApp, importApp } from "./api-import-export.js";
import { appDataV1, appDataV2, identity, twilioService } from "./import-export-data.js";
import { loadApp } from "./app-loader.js";
import { AppStructureV1, AppStructureV2 } from "./app-structure.js";
import { decode, type Shape } from "./go-json.js";
import { newAuthClient, realmServer, setupTestApp, type TestApp } from "./setup.js";

const server = realmServer();

/** The file each config version's app is found by, and its structure. */
const versions: { configVersion: number; configFile: string; shape: Shape }[] = [
  { configVersion: 20180301, configFile: "stitch.json", shape: AppStructureV1 },
  { configVersion: 20200603, configFile: "config.json", shape: AppStructureV1 },
  { configVersion: 20210101, configFile: "realm_config.json", shape: AppStructureV2 },
];

const twilioConfig = `{
    "name": "twilio_svc",
    "type": "twilio",
    "config": {
        "sid": "my_sid"
    },
    "secret_config": {
        "auth_token": "__twilio_svc_auth_token"
    }
}
`;

describe("TestRealmImportExportRoundTrip", () => {
  for (const { configVersion, configFile, shape } of versions) {
    it(`Should import and export the same data for config version ${configVersion}`, async () => {
      const client = await newAuthClient(server);
      const app = await createApp(client, server.groupId, "importexport-test");
      const ref = { client, groupId: server.groupId, appId: app._id };
      try {
        const appData = configVersion === 20210101 ? appDataV2(app) : appDataV1(configVersion, app);

        await importApp(ref, shape, appData);

        const { filename, files } = await exportApp(ref, { configVersion });
        expect(
          new RegExp(`${app.name}_.*\\.zip`).test(filename),
          "expected exported filename to match '$appName_yyyymmddHHMMSS'",
        ).toBe(true);

        // read the exported app data as `local.LoadApp` reads it from disk
        expect(loadApp(files)).toEqual({ configFile, data: decode(shape, appData) });
      } finally {
        await deleteApp(client, server.groupId, app._id).catch(() => undefined);
      }
    });
  }
});

/** Imports the twilio service with its secret, then checks the secret and the exported config. */
async function importTwilio(t: TestApp, shape: Shape, configVersion: number) {
  await importApp(t.ref, shape, { ...identity(t.app, configVersion), ...twilioService });

  const found = await secrets(t.ref);
  expect(found).toHaveLength(1);
  expect(found[0].name).toBe("__twilio_svc_auth_token");

  const { files } = await exportApp(t.ref, { configVersion });
  const exported = files["services/twilio_svc/config.json"];
  expect(exported, "expected to have twilio config file").toBeDefined();
  expect(strFromU8(exported!)).toBe(twilioConfig);
}

describe("TestRealmImport20210101", () => {
  const t = setupTestApp(server, "import20210101");

  it("Should import a service with a secret successfully", async () => {
    await importTwilio(t, AppStructureV2, 20210101);
  });
});

describe("TestRealmImportLegacy", () => {
  const t = setupTestApp(server, "import20210101");

  for (const configVersion of [20180301, 20200603]) {
    it(`Should import a service with a secret successfully for config version ${configVersion}`, async () => {
      await importTwilio(t, AppStructureV1, configVersion);
    });
  }
});
