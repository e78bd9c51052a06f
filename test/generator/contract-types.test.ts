/**
 * Type tests of the generator features repaired specs rely on, over the committed output of the
 * contract fixture (fixtures/contract/; kept up to date by contract-fixture.test.ts). Checked by
 * `npm run typecheck`: each `@ts-expect-error` fails the check if the line below it compiles.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AdminNamespaces } from "./fixtures/contract/generated/client.js";
import type { Envelope, Plain, Thing } from "./fixtures/contract/generated/models.js";
import type * as functions from "./fixtures/contract/generated/operations/functions.js";
import type * as things from "./fixtures/contract/generated/operations/things.js";
import type { components } from "./fixtures/contract/generated/schema.js";

/** Never called: its body is only type-checked. */
async function calls(admin: AdminNamespaces) {
  const groupId = "g";
  // readOnly: a body never needs (nor takes) the server-assigned fields; writeOnly ones it may.
  await admin.things.createThing({ groupId, body: { name: "n" } });
  await admin.things.createThing({ groupId, body: { name: "n", secret: "s" } });
  // @ts-expect-error a readOnly field in a body
  await admin.things.createThing({ groupId, body: { name: "n", _id: "t1" } });
  const update = { groupId, thingId: "t" };
  await admin.things.updateThing({ ...update, body: { note: "x", thing: { name: "n" } } });
  const stamped = { name: "n", last_modified: 1 };
  // @ts-expect-error a nested readOnly field in a body
  await admin.things.updateThing({ ...update, body: { note: "x", thing: stamped } });
  // @ts-expect-error a required writable field left out
  await admin.things.createThing({ groupId, body: {} });
  const created = await admin.things.createThing({ groupId, body: { name: "n" } });
  // @ts-expect-error a writeOnly field is never read back
  void created.secret;

  // x-exactly-one-of: exactly one of user_id and run_as_system.
  const body = { name: "f" };
  await admin.functions.executeFunction({ groupId, body, user_id: "u" });
  await admin.functions.executeFunction({ groupId, body, run_as_system: true, verbose: true });
  // @ts-expect-error both
  await admin.functions.executeFunction({ groupId, body, user_id: "u", run_as_system: true });
  // @ts-expect-error neither
  await admin.functions.executeFunction({ groupId, body });
  // @ts-expect-error neither, and no params at all
  await admin.functions.executeFunction();
  // @ts-expect-error the chosen one still has its type
  await admin.functions.executeFunction({ groupId, body, run_as_system: "yes" });

  // Several response media types: the result follows `accept`.
  const asJson = await admin.things.exportThings({ groupId });
  const asZip = await admin.things.exportThings({ groupId }, { accept: "application/zip" });
  const asYaml = await admin.things.exportThings({ groupId }, { accept: "text/yaml" });
  // @ts-expect-error a media type the operation does not offer
  await admin.things.exportThings({ groupId }, { accept: "text/csv" });
  // @ts-expect-error one media type only: no accept option
  await admin.things.listThings({ groupId }, { accept: "application/json" });
  return { asJson, asZip, asYaml };
}

describe("contract fixture types", () => {
  it("type-checks the calls above (see npm run typecheck)", () => {
    expectTypeOf(calls).toBeFunction();
  });

  it("reads readOnly fields as plain required fields, with no marker visible", () => {
    expectTypeOf<Thing>().toEqualTypeOf<{ _id: string; name: string; last_modified: number }>();
    expectTypeOf<Envelope["thing"]>().toEqualTypeOf<Thing>();
    expectTypeOf<things.CreateThingResult>().toEqualTypeOf<Thing>();
    expectTypeOf<things.ListThingsResult>().toEqualTypeOf<Thing[]>();
    expectTypeOf<things.UpdateThingResult>().toEqualTypeOf<Envelope>();
    // A schema without markers is not wrapped at all.
    expectTypeOf<Plain>().toEqualTypeOf<components["schemas"]["Plain"]>();
  });

  it("writes bodies without the readOnly fields", () => {
    expectTypeOf<{ name: string; secret?: string }>().toMatchTypeOf<
      things.CreateThingParams["body"]
    >();
    expectTypeOf<things.CreateThingParams["body"]["_id"]>().toEqualTypeOf<undefined>();
  });

  it("makes exactly-one-of parameters a union", () => {
    type Params = functions.ExecuteFunctionParams;
    expectTypeOf<{
      groupId: string;
      body: { name: string };
      user_id: string;
    }>().toMatchTypeOf<Params>();
    expectTypeOf<{ groupId: string; body: { name: string } }>().not.toMatchTypeOf<Params>();
    expectTypeOf<{
      groupId: string;
      body: { name: string };
      user_id: string;
      run_as_system: boolean;
    }>().not.toMatchTypeOf<Params>();
  });

  it("types each media type's result", () => {
    type Results = Awaited<ReturnType<typeof calls>>;
    expectTypeOf<Results["asJson"]>().toEqualTypeOf<Thing[]>();
    expectTypeOf<Results["asZip"]>().toEqualTypeOf<Blob>();
    expectTypeOf<Results["asYaml"]>().toEqualTypeOf<string>();
    expectTypeOf<things.ExportThingsResultByAccept>().toEqualTypeOf<{
      "application/json": Thing[];
      "application/zip": Blob;
      "text/yaml": string;
    }>();
  });
});
