import { describe, expect, it } from "vitest";
import { historyVersions } from "../../spec/history.js";
import { historyCheck } from "./history-check.js";

historyCheck("098", "146");

describe("the history as a whole", () => {
  it("lists 147 versions, of which the newest is the pinned commit", () => {
    const versions = historyVersions();
    expect(versions).toHaveLength(147);
    expect(versions.at(-1)!.commit).toBe("5884ba61d5d2ee8b9fbdc831d76b40b09724e7c3");
  });
});
