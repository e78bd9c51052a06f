// internal/cloud/realm/app_test.go: the CLI's product list, used by `findApps` (no request here).
import { describe, expect, it } from "vitest";
import { DEFAULT_PRODUCTS, resolveProducts } from "./api-apps.js";

describe("TestAppResolveProducts", () => {
  it("should return the list of default products when none are provided", () => {
    for (const tc of [undefined, [], undefined]) {
      expect(resolveProducts(tc)).toEqual(["standard", "atlas", "data-api", "device-sync"]);
    }
  });

  it("should return the provided list of products", () => {
    for (const tc of [DEFAULT_PRODUCTS, ["standard", "atlas", "charts"], ["one", "two"]]) {
      expect(resolveProducts(tc)).toEqual(tc);
    }
  });
});
