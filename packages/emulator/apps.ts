import { HttpError, invalidParameter } from "./http.js";
import type { Router } from "./router.js";
import { PRODUCTS, type EmulatorState } from "./state.js";
import { measurementPeriod } from "./measurement-period.js";
import { APP_NAME } from "./projects.js";

/** Registers list (per product), create, get and delete of each project's apps. */
export function registerAppRoutes(router: Router, state: EmulatorState): void {
  router.add({
    method: "GET",
    template: "/groups/{groupId}/apps",
    operation: "adminListApplications",
    options: { auth: "access", commaLists: ["product"] },
    handler: (ctx) => {
      const groupId = ctx.params.groupId!;
      state.requireGroup(groupId);
      // Like the real API: without ?product= only standard apps are listed.
      const wanted = products(ctx.query.get("product"));
      return {
        status: 200,
        body: state
          .appsOf(groupId)
          .map((a) => a.app)
          .filter((a) => wanted.includes(a.product)),
      };
    },
  });
  router.add({
    method: "POST",
    template: "/groups/{groupId}/apps",
    operation: "adminCreateApplication",
    options: { auth: "access" },
    handler: (ctx) => {
      const groupId = ctx.params.groupId!;
      state.requireGroup(groupId);
      const body = (ctx.json ?? {}) as Record<string, unknown>;
      if (typeof body.name !== "string" || !APP_NAME.test(body.name)) {
        throw invalidParameter(
          "body.name",
          "must start with a letter and hold only ASCII letters, digits, '_' and '-'",
        );
      }
      const name = body.name;
      // The docs (config reference, realm_config.json): "App names must be between 1 and 32
      // characters"; the name also makes the client app id and the hosted files' URL.
      if (name.length > 32)
        throw invalidParameter("body.name", `must be at most 32 characters, got ${name.length}`);
      const product = products(ctx.query.get("product"))[0]!;
      // Names are the project's own: another project may have an app of the same name.
      for (const a of state.appsOf(groupId)) {
        if (a.app.name === name && a.app.product === product)
          throw new HttpError(409, `an app named '${name}' already exists`, "AppAlreadyExists");
      }
      // The template is kept for reading back (realm-cli pull reads an app's template_id); the
      // emulator has no templates' content, so the app starts empty like any other.
      const fields = pick(body, [
        "location",
        "deployment_model",
        "provider_region",
        "environment",
        "template_id",
      ]);
      return {
        status: 201,
        body: state.addApp({ ...fields, name, product }, undefined, groupId).app,
      };
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

/**
 * Regions apps can deploy to (`GET /provider_regions`): the AWS regions behind the official CLI's
 * seven locations (realm-cli realm.go LocationValues: US-VA, US-OR, DE-FF, IE, AU, IN-MB, SG);
 * which of them also take GLOBAL apps is a guess (the four historical global regions).
 */
const REGIONS: [string, string, string, boolean][] = [
  ["aws-us-east-1", "Virginia (us-east-1)", "usa", true],
  ["aws-us-west-2", "Oregon (us-west-2)", "usa", true],
  ["aws-eu-central-1", "Frankfurt (eu-central-1)", "deu", false],
  ["aws-eu-west-1", "Ireland (eu-west-1)", "irl", true],
  ["aws-ap-southeast-2", "Sydney (ap-southeast-2)", "aus", true],
  ["aws-ap-south-1", "Mumbai (ap-south-1)", "ind", false],
  ["aws-ap-southeast-1", "Singapore (ap-southeast-1)", "sgp", false],
];

/** Registers the project-wide reads that need no app: regions and (empty) usage measurements. */
export function registerProjectRoutes(router: Router, state: EmulatorState): void {
  router.add({
    method: "GET",
    template: "/provider_regions",
    operation: "adminListAppRegions",
    options: { auth: "access" },
    handler: () => ({
      status: 200,
      body: REGIONS.map(([id, name, country, global]) => ({
        id,
        name,
        cloud_provider: "aws",
        country,
        deployment_models: global ? ["GLOBAL", "LOCAL"] : ["LOCAL"],
      })),
    }),
  });
  router.add({
    method: "GET",
    template: "/groups/{groupId}/measurements",
    operation: "adminMeasurements",
    options: { auth: "access" },
    handler: (ctx) => {
      const groupId = ctx.params.groupId!;
      state.requireGroup(groupId);
      const { start, end } = measurementPeriod(ctx.query, state.now());
      const granularity = ctx.query.get("granularity") ?? "P31D";
      // The emulator meters nothing: the period asked for, with no measurements in it.
      return {
        status: 200,
        body: { start, end, granularity, group_id: groupId, measurements: [] },
      };
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
