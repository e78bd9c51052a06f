// Package root of appservices-admin. Each area adds its exports here.
export * from "./client/index.js";
export * from "./deploy/index.js";
export * from "./logs/index.js";
export * from "./hosting/index.js";
export {
  createSessionMiddleware,
  type ApiKeyCredentials,
  type SessionMiddleware,
  type SessionMiddlewareOptions,
  type SessionTokens,
} from "./auth/index.js";
export type { components, paths } from "../generated/schema.js";
export type { AdminNamespaces, Operation, OperationInfo } from "../generated/client.js";
