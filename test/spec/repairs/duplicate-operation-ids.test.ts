import { describe, expect, it } from "vitest";
import { repairSpec } from "../../../spec/repair.js";
import { duplicateOperationIds } from "../../../spec/repairs/duplicate-operation-ids.js";
import { openapi, repairTable } from "../../helpers/repair-table.js";

const APP = "/groups/{groupId}/apps/{appId}";
const config = {
  get: { operationId: "adminGetServiceConfig", responses: { "200": { description: "ok" } } },
  patch: { operationId: "adminUpdateServiceConfig", responses: { "204": { description: "ok" } } },
};
const real = { [`${APP}/services/{serviceId}/config`]: config };

repairTable(
  duplicateOperationIds,
  [
    {
      name: "the path without {serviceId} is removed (120-126)",
      given: openapi({ paths: { [`${APP}/services/config`]: config, ...real } }),
      want: openapi({ paths: real }),
      fixes: ["#/paths/~1groups~1{groupId}~1apps~1{appId}~1services~1config"],
    },
  ],
  [openapi({ paths: real }), openapi({})],
);

describe("duplicate-operation-ids it cannot judge", () => {
  it("fails on duplicates between paths with as many parameters", () => {
    const doc = openapi({
      paths: { "/a/{x}": { get: config.get }, "/b/{y}": { get: config.get } },
    });
    expect(() => repairSpec(doc, { repairs: [duplicateOperationIds] })).toThrow(
      /adminGetServiceConfig is declared on \/a\/\{x\} and \/b\/\{y\}/,
    );
  });
  it("fails when the bogus path also holds a unique operation", () => {
    const bogus = {
      ...config,
      delete: { operationId: "adminOnlyHere", responses: { "204": { description: "ok" } } },
    };
    const doc = openapi({ paths: { [`${APP}/services/config`]: bogus, ...real } });
    expect(() => repairSpec(doc, { repairs: [duplicateOperationIds] })).toThrow(
      /mixes duplicated and unique/,
    );
  });
});
