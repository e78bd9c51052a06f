import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  concrete,
  deriveResourceModel,
  type CollectionSpec,
} from "../../packages/emulator/collections.js";
import type { RunningEmulator } from "../../packages/emulator/index.js";
import { loadOperationSchemas } from "../../packages/emulator/operation-schemas.js";
import { answerStatus, successResponse } from "../../packages/emulator/responses.js";
import { registryFor } from "../../packages/emulator/schema-registry.js";
import { call, login, start, type Answer } from "./helpers.js";
import { synthesizeValid } from "./synthesize.js";

// One round trip per collection path of the committed operation schemas, over raw HTTP:
// create -> get -> list shows it -> update -> get shows it -> delete -> get is 404 -> list no
// longer shows it. The emulator checks every response against its schema (helpers.start).
const doc = loadOperationSchemas();
if (!doc) throw new Error("generated/operation-schemas.json is missing: run npm run regen");
const registry = registryFor(doc);
const resolve = (ref: string) => registry.resolveRef(ref);
const model = deriveResourceModel(doc);

/** Collections with their own model and suites (drafts, deployments): not plain resources. */
const NOT_RESOURCES = ["drafts", "deployments"];
/** Bodies the schemas allow but the server refuses, replaced by what a client really sends. */
const BODIES: Record<string, (n: number) => Record<string, unknown>> = {
  users: (n) => ({ email: `user${n}@example.com`, password: "secret-password" }),
  "security/access_list": (n) => ({ address: `10.0.0.${n}`, comment: `entry ${n}` }),
  values: (n) => ({ name: `value_${n}`, private: false, value: n }),
  // A provider's name must equal its type; one per type.
  auth_providers: () => ({ name: "anon-user", type: "anon-user", disabled: false }),
};

const roundTrips = model.collections.filter(
  (c) => c.create && c.remove && (c.get || c.list) && !NOT_RESOURCES.includes(c.key),
);
const readOnly = model.collections.filter((c) => !c.create && !NOT_RESOURCES.includes(c.key));

let emu: RunningEmulator;
let token: string;
let counter = 0;
beforeAll(async () => {
  emu = await start({ logs: { count: 0 } });
  token = (await login(emu)).access_token;
});
afterAll(() => emu?.stop());

/** The request body for creating in (or updating) a collection, valid for the schema. */
function bodyFor(spec: CollectionSpec, schema: Record<string, unknown> | undefined, seed: string) {
  const n = ++counter;
  const override = BODIES[spec.key];
  if (override) return override(n);
  if (!schema) return undefined;
  const check = registry.check(`roundtrip:${seed}`, schema);
  const body = synthesizeValid(schema, `${seed}:${n}`, { resolve, check });
  if (body && typeof body === "object" && !Array.isArray(body) && "name" in body)
    (body as Record<string, unknown>).name = `${spec.key.replace(/\W/g, "_")}_${n}`;
  return body;
}

/** Creates an item (and, first, the parent items it lives under); returns its params. */
async function createItem(
  spec: CollectionSpec,
  params: Record<string, string>,
): Promise<{ params: Record<string, string>; body: any; created: Answer }> {
  if (spec.parent) params = (await createItem(spec.parent, params)).params;
  const body = bodyFor(spec, spec.create!.op.requestBody?.schema, spec.create!.id);
  const created = await call(emu, "POST", concrete(spec.template, params), { token, json: body });
  const { status } = successResponse(spec.create!.op);
  expect(created.status, `${spec.create!.id}: ${created.text}`).toBe(status);
  let id: string | undefined = created.body?._id;
  if (!id) id = (await listed(spec, params)).at(-1)?._id;
  expect(id, `${spec.create!.id} gives the new item's _id`).toMatch(/^[0-9a-f]{24}$/);
  return { params: { ...params, [spec.itemParam]: id! }, body, created };
}

/** The items a list answers (unwrapping `{allowed_ips: [...]}`). */
async function listed(spec: CollectionSpec, params: Record<string, string>): Promise<any[]> {
  const answer = await call(emu, "GET", concrete(spec.template, params), { token });
  expect(answer.status, answer.text).toBe(200);
  if (Array.isArray(answer.body)) return answer.body;
  const array = Object.values(answer.body).find(Array.isArray);
  return (array as any[]) ?? [];
}

async function getItem(spec: CollectionSpec, params: Record<string, string>) {
  if (spec.get) return call(emu, "GET", concrete(spec.itemTemplate, params), { token });
  const found = (await listed(spec, params)).find((i) => i._id === params[spec.itemParam]);
  return { status: found ? 200 : 404, body: found } as Answer;
}

describe("CRUD round trip per collection path", () => {
  it("covers every resource collection of the spec", () => {
    // The spec's collections today; a repaired spec may add more (they get a round trip too).
    expect(roundTrips.map((c) => c.key)).toEqual(
      expect.arrayContaining([
        "api_keys",
        "auth_providers",
        "endpoints",
        "environment_values",
        "functions",
        "graphql/custom_resolvers",
        "log_forwarders",
        "push/notifications",
        "schemas",
        "secrets",
        "security/access_list",
        "security/private_endpoints",
        "services",
        "services/{serviceId}/incoming_webhooks",
        "services/{serviceId}/rules",
        "triggers",
        "users",
        "values",
      ]),
    );
  });

  for (const spec of roundTrips) {
    it(`${spec.key}: create, get, list, update, delete, then 404 and gone from the list`, async () => {
      const base = { groupId: emu.groupId, appId: emu.appId };
      const { params, body } = await createItem(spec, base);
      const id = params[spec.itemParam]!;

      const got = await getItem(spec, params);
      expect(got.status, got.text).toBe(200);
      expect(got.body._id).toBe(id);
      expect((await listed(spec, params)).map((i) => i._id)).toContain(id);

      const update = spec.update?.[0];
      if (update) {
        const schema = update.op.requestBody?.schema ?? spec.create!.op.requestBody?.schema;
        const next = bodyFor(spec, schema, update.id) as Record<string, unknown> | undefined;
        const answer = await call(emu, update.op.method, concrete(spec.itemTemplate, params), {
          token,
          json: next ?? body,
        });
        expect(answer.status, `${update.id}: ${answer.text}`).toBe(
          answerStatus(update.id, update.op),
        );
        const after = await getItem(spec, params);
        const field = ["name", "address", "comment"].find(
          (f) => typeof next?.[f] === "string" && after.body && f in after.body,
        );
        if (field) expect(after.body[field], `${update.id} shows in a get`).toBe(next![field]);
      }

      const removed = await call(emu, "DELETE", concrete(spec.itemTemplate, params), { token });
      expect(removed.status, removed.text).toBe(successResponse(spec.remove!.op).status);
      const gone = await getItem(spec, params);
      expect(gone.status).toBe(404);
      if (spec.get) expect(gone.body.error).toEqual(expect.any(String));
      expect((await listed(spec, params)).map((i) => i._id)).not.toContain(id);
    });
  }

  for (const spec of readOnly) {
    it(`${spec.key}: a new app lists none and 404s any id`, async () => {
      const params = {
        groupId: emu.groupId,
        appId: emu.appId,
        [spec.itemParam]: "0123456789abcdef01234567",
      };
      expect(await listed(spec, params)).toEqual([]);
      if (spec.get) expect((await getItem(spec, params)).status).toBe(404);
    });
  }
});
