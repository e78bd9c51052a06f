// Sessions on their own: for users of the generated `paths` types with their own openapi-fetch
// client (`createSessionMiddleware`), or for tools that manage a session directly.
export {
  createSessionMiddleware,
  type SessionMiddleware,
  type SessionMiddlewareOptions,
} from "./middleware.js";
export { SessionManager } from "./session.js";
export {
  DEFAULT_REFRESH_MARGIN_MS,
  type ApiKeyCredentials,
  type SessionManagerOptions,
  type SessionTokens,
} from "./session-options.js";
export { accessTokenExpiry, DEFAULT_ACCESS_TOKEN_LIFETIME_MS } from "./jwt.js";
export { LOGIN_PATH, SESSION_PATH } from "./wire.js";
