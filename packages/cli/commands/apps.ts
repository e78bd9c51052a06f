import { InvalidArgumentError, Option, type Command } from "commander";
import { APP_PRODUCTS, type AdminClient, type AppProduct } from "appservices-admin";
import type { apps as appsOps } from "appservices-admin/types";
import { eachTarget, printBatch, type Target } from "../batch.js";
import {
  addConnectionOptions,
  connectProject,
  findApp,
  loginApps,
  loginProjects,
  perProject,
  pickApp,
  projectApps,
  resolveAppId,
  type ConnectionFlags,
} from "../connection.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { printResult, table } from "../output.js";
import { listed } from "../listed.js";
import { openClient } from "../open-client.js";
import { diffCommand } from "./push.js";
import { connectFolder, folderProject } from "../app-folder.js";

type NewApp = appsOps.CreateApplicationParams["body"];
type App = appsOps.ListApplicationsResult[number];

interface AppsFlags extends ConnectionFlags {
  json?: boolean;
  /** `apps list`: repeatable (the official CLI's); `apps create`: one. */
  product?: string | string[];
  name?: string;
  location?: NewApp["location"];
  providerRegion?: NewApp["provider_region"];
  deploymentModel?: NewApp["deployment_model"];
  environment?: NewApp["environment"];
  template?: string;
  yes?: boolean;
}

/** The API's values for a new app's settings (its DeploymentLocation, DeploymentModel, AppEnvironment). */
const LOCATIONS = ["US-VA", "US-OR", "DE-FF", "IE", "AU", "IN-MB", "SG", "BR-SP"] as const;
const MODELS = ["GLOBAL", "LOCAL"] as const;
const ENVIRONMENTS = ["development", "testing", "qa", "production"] as const;

/**
 * A flag's parser that takes `values` in any case, as the official CLI does (`-d local`,
 * `-e Production`): the API takes them in one case only, and would refuse the rest once sent.
 */
function oneOf<T extends string>(values: readonly T[], inCase: (value: string) => string) {
  return (value: string): T => {
    const found = values.find((known) => known === inCase(value.trim()));
    if (found === undefined) throw new InvalidArgumentError(`Use one of ${values.join(", ")}.`);
    return found;
  };
}

/** `apps list|create|delete|describe`: the project's apps. */
export function appsCommand(program: Command, ctx: CliContext): void {
  const apps = program.command("apps").alias("app").description("the project's apps");
  const list = apps
    .command("list")
    .alias("ls")
    .description(
      "list the project's apps of every product type (one request per type); with no project, those of every project of the login",
    )
    .option(
      "--product <types>",
      `only these product types: ${APP_PRODUCTS.join(", ")} or all (comma-separated or repeated; default all, as the official CLI)`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--json", "print the apps as one JSON array, as the API returns them");
  addConnectionOptions(list);
  for (const option of list.options.filter((o) => o.long === "--app" || o.long === "--app-id")) {
    option.description =
      "only the app with this _id, or the apps whose client_app_id starts with this, in any case (the official CLI's filter)";
  }
  list.action((flags: AppsFlags) => ctx.run(flags, () => runList(flags, ctx)));
  const create = apps
    .command("create")
    .description("create an app in the project (none given: the login's one project)")
    .requiredOption("-n, --name <name>", "the app's name (letters, digits, _ and -)")
    .option(
      "-l, --location <location>",
      `deployment location: ${LOCATIONS.join(", ")} (in any case)`,
      oneOf(LOCATIONS, (value) => value.toUpperCase()),
    )
    .option("--provider-region <region>", "cloud region, e.g. aws-us-east-1")
    .option(
      "-d, --deployment-model <model>",
      `${MODELS.join(" or ")} (in any case)`,
      oneOf(MODELS, (value) => value.toUpperCase()),
    )
    .option(
      "-e, --environment <env>",
      `${ENVIRONMENTS.join(", ")} (in any case)`,
      oneOf(ENVIRONMENTS, (value) => value.toLowerCase()),
    )
    .option("--template <id>", "start from this template app")
    .addOption(new Option("--product <type>", "the app's product type").choices(APP_PRODUCTS))
    .option("-y, --yes", "accepted, as the official CLI's: create never asks")
    .option("--json", "print the new app as the API returns it");
  addConnectionOptions(create).action((flags: AppsFlags) =>
    ctx.run(flags, () => runCreate(flags, ctx)),
  );
  const remove = apps
    .command("delete")
    .description("delete the app named by --app-id, or each app named by -a (and everything in it)")
    .option("-y, --yes", "do not ask: required, since there is no undo")
    .option("--json", 'print {"deleted":[ids],"failed":[]}');
  addConnectionOptions(remove);
  // The official CLI's `apps delete -a one -a two` deletes both: here too, not just the last.
  const appsToDelete = remove.options.find((option) => option.long === "--app")!;
  appsToDelete.argParser((value: string, previous: string[] = []) => [...previous, value]);
  appsToDelete.description =
    "an app to delete: its name, client_app_id or _id (repeatable; the official CLI's flag)";
  remove.action((flags: AppsFlags) => ctx.run(flags, () => runDelete(flags, ctx)));
  diffCommand(apps, ctx);
  const describe = apps
    .command("describe")
    .description("the app's configuration at a glance: services, functions, auth, hosting, ...")
    .option("--json", "print the description as one JSON object");
  addConnectionOptions(describe).action((flags: AppsFlags) =>
    ctx.run(flags, () => runDescribe(flags, ctx)),
  );
}

async function runList(flags: AppsFlags, ctx: CliContext): Promise<number> {
  const products = productsOf(flags.product);
  const opened = await openClient(flags, ctx.env, ctx.io, { appId: false });
  const { admin } = opened;
  // No project named: every project of the login, as the official CLI lists them (it finds
  // them through the login's profile too).
  const groupIds =
    opened.groupId !== undefined ? [opened.groupId] : await loginProjects(admin, ctx.signal);
  const lists = await perProject(groupIds, (groupId) =>
    Promise.all(
      products.map((product) =>
        admin.apps
          .listApplications({ groupId, product }, { signal: ctx.signal })
          .then((list) => listed(list, "apps")),
      ),
    ).then((perProduct) => perProduct.flat()),
  );
  // `-a`/`--app-id` filter as the official CLI's `-a` does: client_app_ids that start with it,
  // lower-cased (an `_id` is ours: that app). Only a flag: an app id from the environment or the
  // profile names a default app, not a filter.
  const wanted = flags.appId?.toLowerCase();
  const apps = lists
    .flat()
    .filter(
      (app) =>
        wanted === undefined || app._id === wanted || (app.client_app_id ?? "").startsWith(wanted),
    )
    .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
  await printResult(ctx, flags.json, apps, () =>
    table(
      apps,
      [
        ...(groupIds.length > 1 ? [{ heading: "PROJECT", cell: (a: App) => a.group_id }] : []),
        { heading: "ID", cell: (a) => a._id },
        { heading: "CLIENT APP ID", cell: (a) => a.client_app_id },
        { heading: "NAME", cell: (a) => a.name },
        { heading: "PRODUCT", cell: (a) => a.product },
        { heading: "LOCATION", cell: (a) => a.location },
        { heading: "MODEL", cell: (a) => a.deployment_model },
      ],
      "no apps",
    ),
  );
  return 0;
}

async function runCreate(flags: AppsFlags, ctx: CliContext): Promise<number> {
  if (flags.appId !== undefined) {
    throw new UsageError(
      "apps create makes a new app: --app-id/-a name an existing one (the new app's name is -n, --name)",
    );
  }
  const { admin, groupId } = await connectProject(
    await folderProject(".", flags, ctx),
    ctx.env,
    ctx.io,
    ctx.signal,
  );
  const body: NewApp = {
    name: flags.name,
    location: flags.location,
    provider_region: flags.providerRegion,
    deployment_model: flags.deploymentModel,
    environment: flags.environment,
    template_id: flags.template,
  };
  const product = flags.product as AppProduct | undefined;
  const app = await admin.apps.createApplication(
    { groupId, product, body: dropUndefined(body) },
    { signal: ctx.signal },
  );
  await printResult(
    ctx,
    flags.json,
    app,
    () => `created app ${app.name} (_id ${app._id}, client_app_id ${app.client_app_id})\n`,
  );
  return 0;
}

async function runDelete(flags: AppsFlags, ctx: CliContext): Promise<number> {
  if (!flags.yes) {
    throw new UsageError("apps delete removes the app and everything in it: confirm with --yes");
  }
  const targets = Array.isArray(flags.app)
    ? await namedApps(flags.app, flags, ctx)
    : [await settingsApp(flags, ctx)];
  // With no project given, the apps named may be in different projects of the login.
  const result = await eachTarget(ctx, targets, ({ admin, groupId, id }) =>
    admin.apps.deleteApplication({ groupId, appId: id }, { signal: ctx.signal }),
  );
  return printBatch(ctx, flags.json, "deleted", result);
}

type AppTarget = Target & { admin: AdminClient; groupId: string };

/**
 * The app of the settings (`--app-id`, the environment, the profile), as before `-a`: matched
 * exactly, as `-a` is here, never by a client_app_id's start.
 */
async function settingsApp(flags: AppsFlags, ctx: CliContext): Promise<AppTarget> {
  const opened = await openClient(flags, ctx.env, ctx.io, { appId: true });
  const [admin, wanted] = [opened.admin, opened.appId!];
  if (opened.groupId === undefined) {
    const app = pickApp(await loginApps(admin, ctx.signal), wanted, false, false);
    return target(admin, app.groupId, app._id, wanted);
  }
  const id = await resolveAppId(admin, opened.groupId, wanted, ctx.signal, false);
  return target(admin, opened.groupId, id, wanted);
}

/**
 * The apps `-a` names, every one looked up (in one listing of the project's apps, or of every
 * project's of the login when none is given) before any is deleted: one unknown name deletes
 * nothing. Exactly, as the official CLI's `apps delete` matches: no prefix, for a command with no
 * undo. `--app-id` beside them would leave which apps were meant unclear.
 */
async function namedApps(names: string[], flags: AppsFlags, ctx: CliContext): Promise<AppTarget[]> {
  if (flags.appId !== undefined) {
    throw new UsageError(
      "apps delete takes the apps as -a/--app (repeatable) or --app-id, not both",
    );
  }
  const opened = await openClient(flags, ctx.env, ctx.io, { appId: false });
  const { admin, groupId } = opened;
  if (groupId === undefined) {
    const apps = await loginApps(admin, ctx.signal);
    return names.map((name) => {
      const app = pickApp(apps, name, false, true);
      return target(admin, app.groupId, app._id, name);
    });
  }
  // Listed even for _ids: the official CLI's -a takes names, and a name may look like an _id.
  const apps = await projectApps(admin, groupId, ctx.signal);
  return names.map((name) => target(admin, groupId, findApp(apps, name, groupId, false)._id, name));
}

function target(admin: AdminClient, groupId: string, id: string, wanted: string): AppTarget {
  return { admin, groupId, id, label: id === wanted ? id : `${id} (${wanted})` };
}

async function runDescribe(flags: AppsFlags, ctx: CliContext): Promise<number> {
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  // What the official CLI shows (internal/cloud/realm/app_description.go).
  const data = await admin.apps.getAppDescription({ groupId, appId }, { signal: ctx.signal });
  await printResult(ctx, flags.json, data, () => `${JSON.stringify(data, null, 2)}\n`);
  return 0;
}

/**
 * `--product` (repeatable): comma lists checked against the known product types, or "all". None
 * given is all, as the official CLI lists them: the API alone lists only standard apps.
 */
function productsOf(values: string | string[] | undefined): AppProduct[] {
  const value = [values ?? "all"].flat().join(",");
  const products = [...new Set(value.split(",").map((p) => p.trim()))];
  if (products.includes("all")) return [...APP_PRODUCTS];
  const unknown = products.filter((p) => !(APP_PRODUCTS as readonly string[]).includes(p));
  if (unknown.length > 0 || products.length === 0) {
    throw new UsageError(
      `--product takes ${APP_PRODUCTS.join(", ")} or all (comma-separated or repeated), got "${value}"`,
    );
  }
  return products as AppProduct[];
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
