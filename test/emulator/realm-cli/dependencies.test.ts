// internal/cloud/realm/dependencies_test.go
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { deployment, deployments, type AppRef } from "./api-app-resources.js";
import {
  dependenciesStatus,
  diffDependencies,
  exportDependencies,
  exportDependenciesArchive,
  importDependencies,
} from "./api-import-export.js";
import {
  dependenciesDiffZip,
  dependenciesUploadZip,
  packageJson,
  updatedPackageJson,
  zipFileNames,
} from "./fixtures.js";
import { poll, realmServer, setupTestApp, steppedClock } from "./setup.js";

// The emulator's time moves only when a poll waits: an installation (500 ms) and a deployment
// are still going at the read right after they start, whatever the machine's speed, and over by
// the read after a wait.
const clock = steppedClock();
const server = realmServer({ clock });

// The Go test reads the status up to 50 (archive) or 150 (package.json) times a second apart, and
// waits up to 100 one-second polls for the deployment: the same reads, a second apart on the
// emulator's clock.
const intervalMs = 1000;

/** Imports, checks the starting status, and waits for the installation to finish. */
async function importAndWait(app: AppRef, name: string, content: Uint8Array, attempts: number) {
  await dependenciesStatus(app);

  await importDependencies(app, name, content);

  const startStatus = await dependenciesStatus(app);
  expect(startStatus).toEqual({ status: "created", status_message: "processing request" });

  // wait for dependencies to finish installation
  const currentStatus = await poll(
    () => dependenciesStatus(app),
    (s: any) => s.status !== "created",
    { attempts, intervalMs, clock },
  );
  expect(currentStatus.status).toBe("successful");
}

/** `waitForDepDeployment`: the newest deployment, if any, must end `successful`. */
async function waitForDepDeployment(app: AppRef) {
  const all = (await deployments(app)) ?? [];
  if (all.length === 0) return; // no pending jobs to wait for, tests can proceed

  const pending = (d: any) => d.status === "created" || d.status === "pending";
  let last = all[0];
  if (pending(last)) {
    const id = last._id;
    last = await poll(
      () => deployment(app, id),
      (d) => !pending(d),
      { attempts: 101, intervalMs, clock },
    );
  }
  expect(pending(last), "failed to wait for dependencies to deploy").toBe(false);
  expect(last.status).toBe("successful");
}

const expectedDiff = {
  added: [{ name: "twilio", version: "3.35.1" }],
  deleted: [{ name: "debug", version: "4.3.1" }],
  modified: [{ name: "underscore", version: "1.9.2", previous_version: "1.9.1" }],
};

describe("TestRealmDependencies", () => {
  describe("with dependencies as a archive", () => {
    const t = setupTestApp(server, "importexport-test");

    it("should successfully import a zip node_modules archive", async () => {
      await importAndWait(t.ref, "dependencies_upload.zip", dependenciesUploadZip, 50);
    });

    describe("should successfully import a zip node_modules archive", () => {
      it("and wait for those dependencies to be deployed to the app", async () => {
        await waitForDepDeployment(t.ref);
      });
    });

    let actualDeps: string[];
    it("should successfully export a zip node_modules archive", async () => {
      const { filename, content } = await exportDependenciesArchive(t.ref);
      expect(filename).toBe("node_modules.zip");
      actualDeps = zipFileNames(unzipSync(content));
    });

    describe("should successfully export a zip node_modules archive", () => {
      it("and it should match the expected zip archive", () => {
        // make sure same files are present; contents may be different because of transpilation
        expect(actualDeps).toEqual(zipFileNames(unzipSync(dependenciesUploadZip)));
      });
    });

    it("should successfully diff a zip node_modules archive", async () => {
      const diff = await diffDependencies(t.ref, "dependencies_diff.zip", dependenciesDiffZip);
      expect(diff).toEqual(expectedDiff);
    });
  });

  describe("with dependencies as package.json", () => {
    const t = setupTestApp(server, "importexport-test");

    it("should successfully import a package.json", async () => {
      await importAndWait(t.ref, "package.json", packageJson, 150);
    });

    describe("should successfully import a package.json", () => {
      it("and wait for those dependencies to be deployed to the app", async () => {
        await waitForDepDeployment(t.ref);
      });
    });

    let actualDeps: string[];
    it("should successfully export a package.json", async () => {
      const { filename, content } = await exportDependencies(t.ref);
      expect(filename).toBe("package.json");
      // decoded into map[string]struct{}: only the top-level keys are compared
      actualDeps = Object.keys(JSON.parse(new TextDecoder().decode(content))).sort();
    });

    describe("should successfully export a package.json", () => {
      it("and it should match the expected package.json", () => {
        const expectedDeps = JSON.parse(new TextDecoder().decode(packageJson));
        // make sure same files are present
        expect(actualDeps).toEqual(Object.keys(expectedDeps).sort());
      });
    });

    it("should successfully diff a package.json", async () => {
      const diff = await diffDependencies(t.ref, "updated-package.json", updatedPackageJson);
      expect(diff).toEqual(expectedDiff);
    });
  });
});
