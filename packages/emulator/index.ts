/**
 * A local emulator of the MongoDB Atlas App Services Admin API v3.0, for the SDK's tests, the demo
 * and users' own tests: `const emu = await startEmulator(); ... await emu.stop();`.
 */
export { startEmulator, API_BASE_PATH } from "./emulator.js";
export type {
  AppSeed,
  EmulatorOptions,
  ProjectSeed,
  RunningEmulator,
  SeededProject,
} from "./emulator.js";
export type { DeploymentTiming } from "./deploy-state.js";
export type { EmulatorControl } from "./control.js";
export type { Fault, RequestMatch } from "./faults.js";
export type { RequestCounts, RequestRecord } from "./request-log.js";
export type { Credentials } from "./sessions.js";
export type { LogSeedOptions, LogEntryInput } from "./log-seed.js";
export type { RouteCoverage } from "./resource-model-routes.js";
export type { FunctionStub } from "./function-routes.js";
export type { OperationSchemasDocument, OperationSchema } from "./operation-schemas.js";
export { formatLogTime } from "./log-time.js";
export { projectFlags } from "./projects.js";
