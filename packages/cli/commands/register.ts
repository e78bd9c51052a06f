import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { officialOnlyCommands } from "./official-only.js";
import { apiCommand } from "./api.js";
import { appsCommand } from "./apps.js";
import { deployCommand } from "./deploy.js";
import { functionCommand } from "./function-run.js";
import { loginCommands } from "./login.js";
import { pullCommand } from "./pull.js";
import { pushCommands } from "./push.js";
import { secretsCommand } from "./secrets.js";
import { usersCommand } from "./users.js";
import { valuesCommand } from "./values.js";

/**
 * The commands a user of the official CLI (`appservices` / realm-cli) looks for, in its order:
 * login, apps, configuration, deployments, secrets, values, users, functions, and `api` for the
 * rest. Each lives in its own module; this one only lists them.
 */
export function addCommands(program: Command, ctx: CliContext): void {
  loginCommands(program, ctx);
  appsCommand(program, ctx);
  pullCommand(program, ctx);
  pushCommands(program, ctx);
  deployCommand(program, ctx);
  secretsCommand(program, ctx);
  valuesCommand(program, ctx);
  usersCommand(program, ctx);
  functionCommand(program, ctx);
  apiCommand(program, ctx);
  officialOnlyCommands(program, ctx);
}
