/** Apps and app descriptions, as realm-cli's `app.go` and `app_description.go` request them. */
import { ADMIN_API, RealmClient, UnexpectedStatusError } from "./client.js";
import { decode } from "./go-json.js";
import { allGroupIds, authProfile } from "./api-session.js";
import { App, AppDescription } from "./shapes.js";

/** A decoded `realm.App`. */
export type RealmApp = {
  _id: string;
  client_app_id: string;
  name: string;
  group_id: string;
  location: string;
  deployment_model: string;
} & Record<string, unknown>;

/** `realm.AppMeta` as sent on create (every field `omitempty`). */
export interface AppMeta {
  location?: string;
  deployment_model?: string;
  environment?: string;
  template_id?: string;
  data_source?: unknown;
}

const appsPath = (groupId: string) => `${ADMIN_API}/groups/${groupId}/apps`;
/** `/api/admin/v3.0/groups/{groupId}/apps/{appId}`. */
export const appPath = (groupId: string, appId: string) => `${appsPath(groupId)}/${appId}`;

/** `CreateApp`: `POST /groups/{groupId}/apps` with `{name, ...meta}`, 201. */
export function createApp(
  client: RealmClient,
  groupId: string,
  name: string,
  meta: AppMeta = {},
): Promise<RealmApp> {
  const body = Object.fromEntries(Object.entries({ name, ...meta }).filter(([, v]) => v));
  body.name = name;
  return client.json("create app", 201, App, "POST", appsPath(groupId), { json: body });
}

/** `DeleteApp`: `DELETE /groups/{groupId}/apps/{appId}`, 204. */
export async function deleteApp(client: RealmClient, groupId: string, appId: string) {
  await client.send("delete app", 204, "DELETE", appPath(groupId, appId));
}

/** `FindApp`: `GET /groups/{groupId}/apps/{appId}`, 200. */
export function findApp(client: RealmClient, groupId: string, appId: string): Promise<RealmApp> {
  return client.json("get app", 200, App, "GET", appPath(groupId, appId));
}

/** `defaultProducts` of `app.go`. */
export const DEFAULT_PRODUCTS = ["standard", "atlas", "data-api", "device-sync"];

/** `resolveProducts`: the given products, or the default ones when none are given. */
export function resolveProducts(products: string[] | undefined): string[] {
  return products?.length ? [...products] : [...DEFAULT_PRODUCTS];
}

/** `realm.AppFilter`. */
export interface AppFilter {
  groupId?: string;
  app?: string;
  products?: string[];
}

async function appsForProduct(client: RealmClient, groupId: string, product: string) {
  let path = appsPath(groupId);
  if (product !== "" && product !== "standard") path += `?product=${product}`;
  const res = await client.do("GET", path);
  if (res.status === 404) throw new Error("group could not be found");
  if (res.status !== 200) throw new UnexpectedStatusError("get apps", res.status);
  return decode({ array: App }, await res.json()) as RealmApp[] | undefined;
}

/**
 * `FindApps`: each product's list of the filter's group (or of every group of the profile),
 * concatenated, then kept when the client app id starts with the lower-cased `app` filter.
 */
export async function findApps(client: RealmClient, filter: AppFilter = {}): Promise<RealmApp[]> {
  const groups = filter.groupId ? [filter.groupId] : allGroupIds(await authProfile(client));
  const apps: RealmApp[] = [];
  for (const groupId of groups) {
    for (const product of resolveProducts(filter.products)) {
      apps.push(...((await appsForProduct(client, groupId, product)) ?? []));
    }
  }
  if (!filter.app) return apps;
  const prefix = filter.app.toLowerCase();
  return apps.filter((app) => app.client_app_id.startsWith(prefix));
}

/** `AppDescription`: `GET /groups/{groupId}/apps/{appId}/description`, 200. */
export async function appDescription(client: RealmClient, groupId: string, appId: string) {
  const res = await client.expect(
    "get app description",
    200,
    "GET",
    `${appPath(groupId, appId)}/description`,
  );
  const raw = (await res.json()) as Record<string, unknown>;
  const description = decode(AppDescription, raw) as Record<string, unknown>;
  // HTTPEndpoints.UnmarshalJSON turns a present `http_endpoints` (even null) into a non-nil list.
  if (raw !== null && "http_endpoints" in raw) description.http_endpoints ??= [];
  return description;
}
