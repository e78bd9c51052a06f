import { describe, expect, test } from "vitest";
import {
  createNamespaces,
  type Invoke,
  type OperationClient,
  type OperationInfo,
} from "../../generated/client.js";
import { ListApplications } from "../../generated/operations/apps.js";

describe("generated namespace methods", () => {
  test("load their tag's module once; later calls reach invoke synchronously", async () => {
    const seen: OperationInfo[] = [];
    const invoke = ((info: OperationInfo) => {
      seen.push(info);
      return Promise.resolve([]);
    }) as Invoke;
    const client = { request: () => Promise.reject(new Error("not sent")) } as OperationClient;
    const { apps } = createNamespaces(client, invoke);

    await apps.listApplications({ groupId: "g" });
    expect(seen).toEqual([ListApplications]);
    // Loaded: the descriptor is used as it is, no await on the module before invoke runs.
    const pending = apps.listApplications({ groupId: "g" });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(ListApplications);
    await pending;
  });

  test("calls made before the module has loaded all reach invoke, in order", async () => {
    const names: string[] = [];
    const invoke = ((info: OperationInfo, params: Readonly<Record<string, unknown>>) => {
      names.push(`${info.name}:${String(params["groupId"])}`);
      return Promise.resolve(undefined);
    }) as Invoke;
    const client = { request: () => Promise.reject(new Error("not sent")) } as OperationClient;
    const { apps } = createNamespaces(client, invoke);
    await Promise.all([
      apps.listApplications({ groupId: "a" }),
      apps.listApplications({ groupId: "b" }),
      apps.createApplication({ groupId: "c", body: { name: "x" } }),
    ]);
    expect(names).toEqual(["listApplications:a", "listApplications:b", "createApplication:c"]);
  });
});
