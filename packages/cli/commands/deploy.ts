import type { Command } from "commander";
import type { Deployment } from "appservices-admin/types";
import { DeploymentTimeoutError, waitForDeployment } from "appservices-admin";
import { connectFolder } from "../app-folder.js";
import { addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { parsePositive } from "../dates.js";
import { UsageError } from "../exit-codes.js";
import { timedOutLine } from "../report.js";
import { printResult, secondsToIso, table } from "../output.js";
import { listed } from "../listed.js";

interface DeployFlags extends ConnectionFlags {
  json?: boolean;
  limit?: string;
  wait?: boolean;
  timeout?: string;
}

/** `deploy list|status`: the app's deployments (the 25 most recent, as the API keeps them). */
export function deployCommand(program: Command, ctx: CliContext): void {
  const deploy = program
    .command("deploy")
    .alias("deployments")
    .description("the app's deployments");
  const list = deploy
    .command("list")
    .alias("ls")
    .description("list the most recent deployments, newest first")
    .option("--limit <n>", "only the n most recent")
    .option("--json", "print the deployments as one JSON array, as the API returns them");
  addConnectionOptions(list).action((flags: DeployFlags) =>
    ctx.run(flags, () => runList(flags, ctx)),
  );
  const status = deploy
    .command("status")
    .description("show a deployment (default: the most recent); --wait until it has finished")
    .argument("[deployment-id]", "the deployment's _id (default: the most recent)")
    .option("--wait", "wait for successful (exit 0) or failed (exit 7)")
    .option("--timeout <seconds>", "with --wait: give up after this long (default 600; exit 8)")
    .option("--json", "print the deployment as one JSON object");
  addConnectionOptions(status).action((id: string | undefined, flags: DeployFlags) =>
    ctx.run(flags, () => runStatus(id, flags, ctx)),
  );
}

async function runList(flags: DeployFlags, ctx: CliContext): Promise<number> {
  const limit = flags.limit === undefined ? Infinity : parsePositive(flags.limit, "--limit");
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  const all = listed(
    await admin.deploy.listDeployments({ groupId, appId }, { signal: ctx.signal }),
    "deployments",
  );
  const deployments = newestFirst(all).slice(0, limit);
  await printResult(ctx, flags.json, deployments, () =>
    table(
      deployments,
      [
        { heading: "ID", cell: (d) => d._id },
        { heading: "STATUS", cell: (d) => d.status },
        { heading: "DEPLOYED AT", cell: (d) => secondsToIso(d.deployed_at) },
        { heading: "ORIGIN", cell: (d) => d.origin },
        { heading: "ERROR", cell: (d) => d.status_error_message },
      ],
      "no deployments",
    ),
  );
  return 0;
}

async function runStatus(
  id: string | undefined,
  flags: DeployFlags,
  ctx: CliContext,
): Promise<number> {
  if (flags.timeout !== undefined && !flags.wait) throw new UsageError("--timeout needs --wait");
  const timeoutMs = parsePositive(flags.timeout ?? "600", "--timeout") * 1000;
  const { admin, groupId, appId } = await connectFolder(".", flags, ctx);
  let deploymentId = id;
  if (deploymentId === undefined) {
    const all = listed(
      await admin.deploy.listDeployments({ groupId, appId }, { signal: ctx.signal }),
      "deployments",
    );
    deploymentId = newestFirst(all)[0]?._id;
    if (deploymentId === undefined) throw new UsageError("the app has no deployment yet");
  }
  const read = () =>
    admin.deploy.getDeployment({ groupId, appId, deploymentId }, { signal: ctx.signal });
  const deployment: Deployment = flags.wait
    ? await waitForDeployment(admin, {
        groupId,
        appId,
        deploymentId,
        timeoutMs,
        signal: ctx.signal,
        onStatus: (status) => {
          if (!flags.json) ctx.io.err(`deployment ${deploymentId}: ${status}\n`);
        },
      }).catch((error: unknown) => {
        if (error instanceof DeploymentTimeoutError) {
          error.message = timedOutLine(error);
        }
        throw error;
      })
    : await read();
  await printResult(ctx, flags.json, deployment, () =>
    [
      `deployment  ${deployment._id}`,
      `status      ${deployment.status}`,
      `deployed at ${secondsToIso(deployment.deployed_at)}`,
      deployment.origin ? `origin      ${deployment.origin}` : "",
      deployment.status_error_message ? `error       ${deployment.status_error_message}` : "",
    ]
      .filter(Boolean)
      .map((line) => `${line}\n`)
      .join(""),
  );
  return 0;
}

/** Newest first by `deployed_at` (the API's order is not documented). */
function newestFirst(deployments: readonly Deployment[]): Deployment[] {
  return [...deployments].sort((a, b) => (b.deployed_at ?? 0) - (a.deployed_at ?? 0));
}
