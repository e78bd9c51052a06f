/** Login, profile and server status, as realm-cli's `auth.go` and `status.go` send them. */
import { ADMIN_API, RealmClient, type Session } from "./client.js";
import { AuthProfile, Session as SessionShape } from "./shapes.js";

/** `user.Credentials`: an API key pair, or a username and password for `local-userpass`. */
export interface Credentials {
  publicApiKey?: string;
  privateApiKey?: string;
  username?: string;
  password?: string;
}

/** `realm.ErrServerUnavailable`. */
export class ServerUnavailableError extends Error {
  override name = "ServerUnavailableError";
  constructor() {
    super("Realm server is not available");
  }
}

/** `Authenticate`: `POST /auth/providers/{type}/login`, unauthenticated, 200 with the tokens. */
export async function authenticate(
  client: RealmClient,
  authType: "mongodb-cloud" | "local-userpass",
  creds: Credentials,
): Promise<Session> {
  const payload =
    authType === "mongodb-cloud"
      ? { username: creds.publicApiKey ?? "", apiKey: creds.privateApiKey ?? "" }
      : { username: creds.username ?? "", password: creds.password ?? "" };
  const session = await client.json(
    "authenticate",
    200,
    SessionShape,
    "POST",
    `${ADMIN_API}/auth/providers/${authType}/login`,
    { json: payload, noAuth: true, preventRefresh: true },
  );
  return { accessToken: session.access_token, refreshToken: session.refresh_token };
}

/** `AuthProfile`: `GET /auth/profile`, 200. */
export function authProfile(client: RealmClient): Promise<{ roles?: { group_id: string }[] }> {
  return client.json("get auth profile", 200, AuthProfile, "GET", `${ADMIN_API}/auth/profile`);
}

/** `AuthProfile.AllGroupIDs`: the distinct, non-empty group ids of the roles, in order. */
export function allGroupIds(profile: { roles?: { group_id: string }[] }): string[] {
  const seen = new Set([""]);
  const out: string[] = [];
  for (const role of profile.roles ?? []) {
    if (seen.has(role.group_id)) continue;
    seen.add(role.group_id);
    out.push(role.group_id);
  }
  return out;
}

/** `Status`: `GET /api/private/v1.0/version`, unauthenticated; anything but a 200 is "unavailable". */
export async function status(client: RealmClient): Promise<void> {
  let res: Response;
  try {
    res = await client.do("GET", "/api/private/v1.0/version", { noAuth: true });
  } catch {
    throw new ServerUnavailableError();
  }
  await res.body?.cancel();
  if (res.status !== 200) throw new ServerUnavailableError();
}
