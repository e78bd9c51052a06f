// App configuration as code (Node only: it reads and writes folders): pull an app into the
// official CLI's folder layout, diff a folder against the app, push it through a draft.
export { pullApp, type PullAppOptions, type PullAppResult } from "./pull-app.js";
export { diffApp, type DiffAppOptions } from "./diff-app.js";
export { pushApp, type PushAppOptions, type PushAppResult } from "./push-app.js";
export {
  formatAppDiff,
  type AppDiff,
  type HostingChanges,
  type ResourceChange,
} from "./app-diff.js";
export {
  DependenciesInstallError,
  DependenciesTimeoutError,
  type DependenciesDiff,
  type DependenciesInstall,
  type DependencySource,
  type DependencyVersion,
} from "./dependencies.js";
export { CONFIG_VERSION } from "./layout.js";
export { stableJson } from "./stable-json.js";
export {
  ConfigValidationError,
  MissingSecretsError,
  PullDeclinedError,
  PullFolderError,
  PullInProgressError,
  PushAppError,
  formatIssue,
  type ConfigIssue,
  type PullOverwrites,
  type PushProgress,
  type SecretReference,
} from "./errors.js";
