import { HttpError, notFound, type RequestContext, type Reply } from "./http.js";
import { newObjectId } from "./ids.js";
import type { AppSnapshot, DeploymentRecord, Draft } from "./deploy-state.js";
import { draftDiff } from "./draft-diff.js";
import type { Router } from "./router.js";
import type { AppState, EmulatorState } from "./state.js";

const BASE = "/groups/{groupId}/apps/{appId}";

/**
 * Registers drafts (one per user per app, snapshotting the whole app: discard restores it, diff
 * compares with it, a failed deployment restores it too) and deployments (created -> pending ->
 * final as the emulator's clock advances).
 */
export function registerDeployRoutes(router: Router, state: EmulatorState): void {
  const add = (
    method: string,
    template: string,
    operation: string,
    handler: (ctx: RequestContext, app: AppState) => Reply,
  ) =>
    router.add({
      method,
      template: BASE + template,
      operation,
      options: { auth: "access" },
      handler: (ctx) => handler(ctx, state.requireApp(ctx.params.groupId!, ctx.params.appId!)),
    });

  add("GET", "/drafts", "adminListDeploymentDrafts", (ctx, app) => {
    const draft = app.deploy.drafts.get(ctx.caller!.userId);
    return { status: 200, body: draft ? [describeDraft(draft, app)] : [] };
  });
  add("POST", "/drafts", "adminCreateDeploymentDraft", (ctx, app) => {
    const userId = ctx.caller!.userId;
    if (app.deploy.drafts.has(userId))
      throw new HttpError(
        409,
        "a draft already exists for this user and app",
        "DraftAlreadyExists",
      );
    const draft: Draft = {
      _id: newObjectId(app.now()),
      user_id: userId,
      snapshot: snapshotOf(app),
    };
    app.deploy.drafts.set(userId, draft);
    return { status: 201, body: describeDraft(draft, app) };
  });
  add("DELETE", "/drafts/{draftId}", "adminDiscardDraft", (ctx, app) => {
    const draft = ownDraft(ctx, app);
    restore(app, draft.snapshot);
    app.deploy.drafts.delete(draft.user_id);
    return { status: 204 };
  });
  add("GET", "/drafts/{draftId}/diff", "adminDeployDraftDiff", (ctx, app) => ({
    status: 200,
    body: draftDiff(ownDraft(ctx, app), app),
  }));
  add("POST", "/drafts/{draftId}/deployment", "adminDeployDraft", (ctx, app) => {
    const draft = ownDraft(ctx, app);
    const name = (ctx.json as { name?: unknown } | undefined)?.name;
    app.deploy.drafts.delete(draft.user_id);
    const record = deploy(
      state,
      app,
      ctx.caller!.userId,
      typeof name === "string" ? name : undefined,
      draft._id,
    );
    // A failed deployment puts none of the draft's changes live: the app is what it was when the
    // draft was opened (a guess: DESIGN §4 says only that the status ends `failed`).
    if (record.failWith !== undefined) restore(app, draft.snapshot);
    return { status: 201, body: app.deploy.view(record) };
  });
  add("GET", "/deployments", "adminListDeployments", (_ctx, app) => ({
    status: 200,
    body: app.deploy.deployments.slice(0, 25).map((d) => app.deploy.view(d)),
  }));
  add("GET", "/deployments/{deploymentId}", "adminGetDeployment", (ctx, app) => ({
    status: 200,
    body: app.deploy.view(deployment(ctx, app)),
  }));
  add("POST", "/deployments/{deploymentId}/redeploy", "adminRedeployDeployment", (ctx, app) => {
    const previous = deployment(ctx, app);
    deploy(state, app, ctx.caller!.userId, previous.name, undefined);
    return { status: 204 };
  });
}

function deploy(
  state: EmulatorState,
  app: AppState,
  userId: string,
  name: string | undefined,
  draftId: string | undefined,
): DeploymentRecord {
  const now = state.now();
  const id = newObjectId(now);
  const record: DeploymentRecord = {
    _id: id,
    // The real API names an unnamed deployment after its id.
    name: name || id,
    app_id: app.app._id,
    ...(draftId ? { draft_id: draftId } : {}),
    user_id: userId,
    deployed_at: Math.floor(now / 1000),
    origin: "admin_api",
    remote_location: app.app.location,
    startedMs: now,
  };
  const failure = state.takeDeploymentFailure();
  if (failure !== undefined) record.failWith = failure;
  app.deploy.deployments.unshift(record);
  return record;
}

/** The whole app as a draft remembers it: every resource and setting, hosted files, the environment. */
function snapshotOf(app: AppState): AppSnapshot {
  return {
    store: app.store.snapshot(),
    hosting: app.hosting.snapshot(),
    environment: app.app.environment,
  };
}

function restore(app: AppState, snapshot: AppSnapshot): void {
  app.store.restore(snapshot.store);
  app.hosting.restore(snapshot.hosting);
  if (snapshot.environment === undefined) delete app.app.environment;
  else app.app.environment = snapshot.environment;
}

function describeDraft(draft: Draft, app: AppState): Record<string, unknown> {
  return { _id: draft._id, user_id: draft.user_id, app: { ...app.app } };
}

function ownDraft(ctx: RequestContext, app: AppState): Draft {
  const draft = app.deploy.drafts.get(ctx.caller!.userId);
  if (!draft || draft._id !== ctx.params.draftId)
    throw notFound(`draft '${ctx.params.draftId}'`, "DraftNotFound");
  return draft;
}

function deployment(ctx: RequestContext, app: AppState): DeploymentRecord {
  const record = app.deploy.deployments.find((d) => d._id === ctx.params.deploymentId);
  if (!record) throw new HttpError(404, "deployment not found", "DeploymentNotFound");
  return record;
}
