import { describe, expect, it } from "vitest";
import { compare, doc, thingOp } from "./helpers.js";

const op = (operationId: string, tags = ["things"]) => thingOp({ operationId, tags });
const withSchemas = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) =>
  doc(paths, { components: { schemas } });

describe("generated client surface", () => {
  it("lists methods added and removed by namespace, with generator naming", () => {
    const before = withSchemas({
      "/a": { get: op("adminListApplications", ["apps"]) },
      "/b": { get: op("getAdminProfile", ["profile"]) },
    });
    const after = withSchemas({
      "/a": { get: op("adminListApplications", ["apps"]) },
      "/c": { post: op("adminCreateDeploymentDraft", ["deploy"]) },
    });
    expect(compare(before, after).surface.methods).toEqual({
      added: ["deploy.createDeploymentDraft"],
      removed: ["profile.getAdminProfile"],
      renamed: [],
    });
  });

  it("a changed operationId or first tag renames the method of the same operation", () => {
    const before = withSchemas({
      "/a": { get: op("adminGetThing"), post: op("adminCreateThing") },
    });
    const after = withSchemas({
      "/a": { get: op("adminFetchThing"), post: op("adminCreateThing", ["log_forwarders"]) },
    });
    expect(compare(before, after).surface.methods).toEqual({
      added: [],
      removed: [],
      renamed: [
        { from: "things.createThing", to: "logForwarders.createThing" },
        { from: "things.getThing", to: "things.fetchThing" },
      ],
    });
  });

  it("shows the deprecated alias of a corrected name (deleteGwarder) and its removal", () => {
    const before = withSchemas({ "/f/{id}": { delete: op("deleteGwarder", ["log_forwarders"]) } });
    const after = withSchemas({
      "/f/{id}": { delete: op("deleteLogForwarder", ["log_forwarders"]) },
    });
    expect(compare(before, after).surface.methods).toEqual({
      added: [],
      removed: ["logForwarders.deleteGwarder (deprecated alias)"],
      renamed: [],
    });
  });

  it("lists model types added, removed and renamed (same shape, new name)", () => {
    const shape = { type: "object", properties: { a: { type: "string" } } };
    const before = withSchemas(
      {},
      { Kept: { type: "string" }, OldName: shape, Gone: { type: "integer" } },
    );
    const after = withSchemas(
      {},
      { Kept: { type: "string" }, NewName: shape, "Logs/Parts/BaseLog": { type: "boolean" } },
    );
    expect(compare(before, after).surface.models).toEqual({
      added: ["LogsPartsBaseLog"],
      removed: ["Gone"],
      renamed: [{ from: "OldName", to: "NewName" }],
    });
  });
});
