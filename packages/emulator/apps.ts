import { HttpError, invalidParameter } from "./http.js";
import type { Router } from "./router.js";
import { PRODUCTS, type EmulatorState } from "./state.js";

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Registers list (per product), create, get and delete of apps in the seeded project. */
export function registerAppRoutes(router: Router, state: EmulatorState): void {
  router.add({
    method: "GET",
    template: "/groups/{groupId}/apps",
    operation: "adminListApplications",
    options: { auth: "access", commaLists: ["product"] },
    handler: (ctx) => {
      state.requireGroup(ctx.params.groupId!);
      // Like the real API: without ?product= only standard apps are listed.
      const wanted = products(ctx.query.get("product"));
      return {
        status: 200,
        body: [...state.apps.values()].map((a) => a.app).filter((a) => wanted.includes(a.product)),
      };
    },
  });
  router.add({
    method: "POST",
    template: "/groups/{groupId}/apps",
    operation: "adminCreateApplication",
    options: { auth: "access" },
    handler: (ctx) => {
      state.requireGroup(ctx.params.groupId!);
      const body = (ctx.json ?? {}) as Record<string, unknown>;
      if (typeof body.name !== "string" || !NAME.test(body.name)) {
        throw invalidParameter(
          "body.name",
          "must start with a letter and hold only ASCII letters, digits, '_' and '-'",
        );
      }
      const name = body.name;
      const product = products(ctx.query.get("product"))[0]!;
      for (const a of state.apps.values()) {
        if (a.app.name === name && a.app.product === product)
          throw new HttpError(409, `an app named '${name}' already exists`, "AppAlreadyExists");
      }
      const fields = pick(body, ["location", "deployment_model", "provider_region", "environment"]);
      return { status: 201, body: state.addApp({ ...fields, name, product }).app };
    },
  });
  router.add({
    method: "GET",
    template: "/groups/{groupId}/apps/{appId}",
    operation: "adminGetApplication",
    options: { auth: "access" },
    handler: (ctx) => ({
      status: 200,
      body: state.requireApp(ctx.params.groupId!, ctx.params.appId!).app,
    }),
  });
  router.add({
    method: "DELETE",
    template: "/groups/{groupId}/apps/{appId}",
    operation: "adminDeleteApplication",
    options: { auth: "access" },
    handler: (ctx) => {
      state.requireApp(ctx.params.groupId!, ctx.params.appId!);
      state.apps.delete(ctx.params.appId!);
      return { status: 204 };
    },
  });
}

function products(raw: string | null): string[] {
  if (raw === null) return ["standard"];
  const list = raw.split(",").map((p) => p.trim());
  for (const p of list) {
    if (!(PRODUCTS as readonly string[]).includes(p)) {
      throw invalidParameter(
        "query parameter 'product'",
        `'${p}' is not one of ${PRODUCTS.join(", ")}`,
      );
    }
  }
  return list;
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "string") throw invalidParameter(`body.${key}`, "must be a string");
    out[key] = body[key];
  }
  return out;
}
