import { describe, expect, test } from "vitest";
import { createNamespaces, type Invoke, type OperationInfo } from "../../generated/client.js";
import { ListApplications } from "../../generated/operations/apps.js";
import { methodNames } from "../../spec/naming.js";

/** Every namespace, by method name, over an invoke that records the operation each call reaches. */
function recordingNamespaces() {
  const seen: OperationInfo[] = [];
  const recording = ((info: OperationInfo) => {
    seen.push(info);
    return Promise.resolve(undefined);
  }) as Invoke;
  const namespaces = createNamespaces(recording) as unknown as Record<
    string,
    Record<string, ((params?: object) => Promise<unknown>) | undefined>
  >;
  return { seen, namespaces };
}

describe("generated namespace methods", () => {
  test("load their tag's module once; later calls reach invoke synchronously", async () => {
    const seen: OperationInfo[] = [];
    const invoke = ((info: OperationInfo) => {
      seen.push(info);
      return Promise.resolve([]);
    }) as Invoke;
    const { apps } = createNamespaces(invoke);

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
    const { apps } = createNamespaces(invoke);
    await Promise.all([
      apps.listApplications({ groupId: "a" }),
      apps.listApplications({ groupId: "b" }),
      apps.createApplication({ groupId: "c", body: { name: "x" } }),
    ]);
    expect(names).toEqual(["listApplications:a", "listApplications:b", "createApplication:c"]);
  });
});

describe("generated namespaces", () => {
  const invoke = (() => Promise.resolve(undefined)) as Invoke;

  test("are all listed at creation and bound on first read, then stay the same object", () => {
    const namespaces = createNamespaces(invoke) as unknown as Record<string, unknown>;
    const names = Object.keys(namespaces);
    expect(names).toContain("apps");
    expect(names).toContain("webhooks");
    // Before its first read a namespace is an accessor; nothing of it is built yet.
    expect(Object.getOwnPropertyDescriptor(namespaces, "apps")).toMatchObject({
      enumerable: true,
      configurable: true,
      get: expect.any(Function),
    });
    const apps = namespaces["apps"];
    expect(namespaces["apps"]).toBe(apps);
    expect(Object.getOwnPropertyDescriptor(namespaces, "apps")).toEqual({
      value: apps,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(Object.keys(namespaces)).toEqual(names);
    // Another namespace stays unbuilt until read.
    expect(Object.getOwnPropertyDescriptor(namespaces, "users")?.get).toBeTypeOf("function");
  });

  test("every operation is bound under its namespace and name; every method reaches one", async () => {
    const { seen, namespaces } = recordingNamespaces();
    const { operations } = await import("../../generated/operation-table.js");
    for (const info of operations) {
      await namespaces[info.namespace]![info.name]!({});
      expect(seen.at(-1)).toBe(info);
    }
    // Every other method (a deprecated alias) reaches an operation of its own namespace.
    for (const [namespace, methods] of Object.entries(namespaces)) {
      for (const method of Object.values(methods)) {
        await method!({});
        expect(seen.at(-1)!.namespace).toBe(namespace);
      }
    }
  });

  test("each corrected name's deprecated alias is bound to the same operation as the name", async () => {
    const { seen, namespaces } = recordingNamespaces();
    const { operations } = await import("../../generated/operation-table.js");
    const aliased = operations.filter((info) => methodNames(info.operationId).deprecatedAlias);
    expect(aliased.length).toBeGreaterThan(0);
    for (const info of aliased) {
      const alias = methodNames(info.operationId).deprecatedAlias!;
      const method = namespaces[info.namespace]![alias];
      expect(method, `${info.namespace}.${alias}`).toBeTypeOf("function");
      await method!({});
      expect(seen.at(-1)).toBe(info);
    }
  });

  test("a namespace can be replaced before or after its first read, as a plain property can", () => {
    const namespaces = createNamespaces(invoke) as unknown as Record<string, unknown>;
    const mine = { listApplications: () => "mine" };
    namespaces["apps"] = mine;
    expect(namespaces["apps"]).toBe(mine);
    void namespaces["users"];
    namespaces["users"] = mine;
    expect(namespaces["users"]).toBe(mine);
  });

  test("two clients' namespaces are distinct objects", () => {
    const one = createNamespaces(invoke);
    const two = createNamespaces(invoke);
    expect(one.apps).not.toBe(two.apps);
    expect(one.apps).toBe(one.apps);
  });
});
