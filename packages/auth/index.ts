// Sessions on their own: for users of the generated `paths` types with their own openapi-fetch
// client (`createSessionMiddleware`), or for tools that manage a session directly.
export {
  createSessionMiddleware,
  type SessionMiddleware,
  type SessionMiddlewareOptions,
} from "./middleware.js";
export {
  DEFAULT_REFRESH_MARGIN_MS,
  SessionManager,
  type ApiKeyCredentials,
  type SessionManagerOptions,
  type SessionTokens,
} from "./session.js";
export { accessTokenExpiry, DEFAULT_ACCESS_TOKEN_LIFETIME_MS } from "./jwt.js";
export { LOGIN_PATH, SESSION_PATH } from "./wire.js";
