import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { pathTrailingSlash } from "../../../spec/repairs/path-trailing-slash.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const ok = { get: { responses: { "200": { description: "ok" } } } };
const M = "/groups/{groupId}/apps/{appId}/measurements";

repairTable(
  pathTrailingSlash,
  [
    {
      name: "measurements/ loses its slash and keeps its place (006-034)",
      given: openapi({ paths: { "/a": ok, [`${M}/`]: ok, "/z": ok } }),
      want: openapi({ paths: { "/a": ok, [M]: ok, "/z": ok } }),
      fixes: ["#/paths/~1groups~1{groupId}~1apps~1{appId}~1measurements~1"],
    },
  ],
  [openapi({ paths: { "/": ok, [M]: ok } }), openapi({})],
);

describe("path-trailing-slash collisions", () => {
  it("refuses when the path without the slash exists", () => {
    const doc = openapi({ paths: { [M]: ok, [`${M}/`]: ok } });
    expect(() => repairSpec(doc, { repairs: [pathTrailingSlash] })).toThrow(/would collide/);
  });
});
