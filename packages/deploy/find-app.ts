import type { AdminCaller } from "../client/create-admin-core.js";
import { ListApplications } from "../../generated/operations/apps.js";
import type { AppInstance } from "../../generated/models.js";
import type { ListApplicationsParams } from "../../generated/operations/apps.js";
import { AdminError } from "../core/errors.js";
import { AmbiguousAppError, AppNotFoundError, type AppCandidate } from "./errors.js";

/** An App Services product type, as the `product` query parameter of the app list takes it. */
export type AppProduct = NonNullable<ListApplicationsParams["product"]>;

/** Every product type; the list endpoint returns only `standard` apps unless asked for others. */
export const APP_PRODUCTS = [
  "standard",
  "atlas",
  "data-api",
  "device-sync",
] as const satisfies readonly AppProduct[];

// Fails to compile when the spec gains a product type this list lacks.
const _allProducts: Exclude<AppProduct, (typeof APP_PRODUCTS)[number]> extends never
  ? true
  : never = true;
void _allProducts;

/** What `findApp` needs of a client: `call` (`createAdminClient` and `createAdminCore` give it). */
export type AppsClient = AdminCaller;

/** Options of `findApp`: the project, and exactly one of `clientAppId` and `name`. */
export type FindAppOptions = {
  groupId: string;
  /** Product types to search (default: all of `APP_PRODUCTS`). */
  products?: readonly AppProduct[] | undefined;
  signal?: AbortSignal | undefined;
} & ({ clientAppId: string; name?: never } | { name: string; clientAppId?: never });

/** An app as the list returns it, with the `_id` every `appId` parameter wants. */
export type FoundApp = AppInstance & { _id: string };

/**
 * Finds an app by its `client_app_id` (`myapp-abcde`) or its name, across product types (each
 * listed separately by the API), and returns it: its `_id` is the `appId` of every other call.
 * Throws `AppNotFoundError` or `AmbiguousAppError`, both listing the apps seen.
 *
 * @example
 * const app = await findApp(admin, { groupId, clientAppId: "myapp-abcde" });
 * await admin.values.listValues({ groupId, appId: app._id });
 */
export async function findApp(client: AppsClient, options: FindAppOptions): Promise<FoundApp> {
  const { groupId, signal } = options;
  const byClientAppId = typeof options.clientAppId === "string";
  if (byClientAppId === (typeof options.name === "string")) {
    throw new TypeError("findApp needs exactly one of clientAppId and name");
  }
  const products = options.products ?? APP_PRODUCTS;
  // One request per product: the spec types `product` as a single value (its prose allows a
  // comma list), and separate requests work whichever way a server reads it.
  const lists = await Promise.all(
    products.map((product) => client.call(ListApplications, { groupId, product }, { signal })),
  );
  const seen = new Map<string, AppInstance>();
  for (const app of lists.flat()) seen.set(app._id ?? `${app.product}:${app.name}`, app);
  const apps = [...seen.values()];
  const wanted = byClientAppId
    ? `client_app_id "${options.clientAppId}"`
    : `name "${options.name}"`;
  const matches = apps.filter((app) =>
    byClientAppId ? app.client_app_id === options.clientAppId : app.name === options.name,
  );
  if (matches.length === 0) throw new AppNotFoundError(groupId, wanted, apps.map(candidate));
  if (matches.length > 1) throw new AmbiguousAppError(groupId, wanted, matches.map(candidate));
  const app = matches[0]!;
  if (typeof app._id !== "string")
    throw new AdminError(`the app with ${wanted} was listed without an _id`);
  return app as FoundApp;
}

function candidate(app: AppInstance): AppCandidate {
  return { _id: app._id, name: app.name, client_app_id: app.client_app_id, product: app.product };
}
