import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { pathTemplateCasing } from "../../../spec/repairs/path-template-casing.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const ok = { responses: { "200": { description: "ok" } } };
const others = {
  "/groups/{groupId}/apps": { get: ok },
  "/groups/{groupId}/apps/{appId}": { get: ok },
  "/groups/{groupId}/apps/{appId}/values": { get: ok },
};
const buildInfo = (g: string, a: string, params: unknown[] = []) => ({
  [`/groups/{${g}}/apps/{${a}}/services/{serviceId}/commands/build_info`]: {
    get: { ...ok, ...(params.length ? { parameters: params } : {}) },
  },
});

repairTable(
  pathTemplateCasing,
  [
    {
      name: "groupID/appID take the spelling every other path uses (000-021)",
      given: openapi({
        paths: {
          ...others,
          ...buildInfo("groupID", "appID", [{ name: "groupID", in: "path", required: true }]),
        },
      }),
      want: openapi({
        paths: {
          ...others,
          ...buildInfo("groupId", "appId", [{ name: "groupId", in: "path", required: true }]),
        },
      }),
      fixes: [
        "#/paths/~1groups~1{groupID}~1apps~1{appID}~1services~1{serviceId}~1commands~1build_info",
      ],
    },
  ],
  [
    openapi({ paths: { ...others, ...buildInfo("groupId", "appId") } }),
    // A tie gives no spelling to prefer: nothing is renamed.
    openapi({ paths: { "/a/{appId}": { get: ok }, "/b/{appID}": { get: ok } } }),
    openapi({}),
  ],
);

describe("path-template-casing collisions", () => {
  it("refuses to merge two paths into one", () => {
    const doc = openapi({
      paths: { ...others, ...buildInfo("groupID", "appId"), ...buildInfo("groupId", "appId") },
    });
    expect(() => repairSpec(doc, { repairs: [pathTemplateCasing] })).toThrow(/would collide/);
  });
});
