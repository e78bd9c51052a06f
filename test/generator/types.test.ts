/**
 * Type tests over the generated client: these assertions are checked by `npm run typecheck`
 * (this file is in tsconfig's `include`); each `@ts-expect-error` fails the type check if the
 * line below it ever compiles. At run time vitest only confirms the file loads.
 */
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type { AdminNamespaces, CallOptions, FetchResult } from "../../generated/client.js";
import type { AppInstance, User } from "../../generated/models.js";
import type * as apps from "../../generated/operations/apps.js";
import type * as hosting from "../../generated/operations/hosting.js";
import type * as logForwarders from "../../generated/operations/log-forwarders.js";
import type { paths } from "../../generated/schema.js";

/** Never called: its body is only type-checked. */
async function misuses(admin: AdminNamespaces) {
  // @ts-expect-error a wrong parameter type: groupId is a string
  await admin.apps.listApplications({ groupId: 42 });
  // @ts-expect-error a missing required parameter: groupId
  await admin.apps.listApplications({});
  // @ts-expect-error a missing params object where parameters are required
  await admin.apps.listApplications();
  // @ts-expect-error a wrong enum value for a query parameter
  await admin.apps.listApplications({ groupId: "g", product: "standrd" });
  // @ts-expect-error a misspelled body field
  await admin.apps.createApplication({ groupId: "g", body: { name: "x", locaton: "US-VA" } });
  // @ts-expect-error a body where none is accepted
  await admin.apps.deleteApplication({ groupId: "g", appId: "a", body: {} });
  // @ts-expect-error an undeclared parameter
  await admin.apps.deleteApplication({ groupId: "g", appId: "a", force: true });
  const list = await admin.apps.listApplications({ groupId: "g" });
  // @ts-expect-error reading a field that does not exist on a response
  void list[0]!.client_app_idd;
  const upload = { groupId: "g", appId: "a", path: "/i" };
  // @ts-expect-error a hosted file is bytes, not a string
  await admin.hosting.uploadHostedAsset({ ...upload, body: { meta: { path: "/i" }, file: "x" } });
  // @ts-expect-error an option the namespace methods do not take
  await admin.apps.listApplications({ groupId: "g" }, { notAnOption: true });
}

describe("generated types", () => {
  it("type-checks the misuses above as errors (see npm run typecheck)", () => {
    expectTypeOf(misuses).toBeFunction();
  });

  it("types results from the spec", () => {
    expectTypeOf<apps.ListApplicationsResult>().toEqualTypeOf<AppInstance[]>();
    expectTypeOf<AdminNamespaces["apps"]["listApplications"]>().returns.resolves.toEqualTypeOf<
      AppInstance[]
    >();
    expectTypeOf<apps.DeleteApplicationResult>().toEqualTypeOf<undefined>();
    expectTypeOf<apps.ExportApplicationResult>().toEqualTypeOf<Blob>();
  });

  it("types parameters flat, optional ones optional", () => {
    expectTypeOf<apps.ListApplicationsParams>().toHaveProperty("groupId").toEqualTypeOf<string>();
    expectTypeOf<apps.ListApplicationsParams["product"]>().toEqualTypeOf<
      "standard" | "atlas" | "data-api" | "device-sync" | undefined
    >();
    expectTypeOf<AdminNamespaces["apps"]["listApplications"]>()
      .parameter(1)
      .toEqualTypeOf<CallOptions | undefined>();
  });

  it("joins shared parameters into params types that stay plain records", () => {
    // GroupIdParam & AppIdParam & AssetResourcePathParam & ...: the same members as one literal
    // (seen through a mapped type: expect-type tells an intersection from a literal), and
    // assignable to Record<string, unknown> as a type literal is (an interface would not be).
    type Members<T> = { [K in keyof T]: T[K] };
    expectTypeOf<Members<hosting.GetHostedAssetParams>>().toEqualTypeOf<{
      groupId: string;
      appId: string;
      path: string;
      prefix?: string | undefined;
    }>();
    expectTypeOf<apps.CreateApplicationParams>().toExtend<Record<string, unknown>>();
  });

  it("maps binary to bytes and free-form objects to open records", () => {
    expectTypeOf<hosting.UploadHostedAssetParams["body"]["file"]>().toEqualTypeOf<
      Blob | Uint8Array
    >();
    expectTypeOf<NonNullable<User["data"]>>().toEqualTypeOf<Record<string, unknown>>();
  });

  it("keeps a corrected name's upstream spelling as an alias of the same type", () => {
    expectTypeOf<AdminNamespaces["logForwarders"]["deleteGwarder"]>().toEqualTypeOf<
      AdminNamespaces["logForwarders"]["deleteLogForwarder"]
    >();
    expectTypeOf<logForwarders.DeleteLogForwarderResult>().toEqualTypeOf<undefined>();
  });

  it("takes any openapi-fetch client in the thin functions, and types their results itself", () => {
    expectTypeOf<Client<paths>>().toMatchTypeOf<Parameters<typeof apps.listApplications>[0]>();
    expectTypeOf<typeof apps.listApplications>().returns.resolves.toEqualTypeOf<
      FetchResult<apps.ListApplicationsResult>
    >();
  });
});
