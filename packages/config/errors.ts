import { AdminError } from "../core/errors.js";

/** One problem in one file of an app folder. */
export interface ConfigIssue {
  /** The file, relative to the folder, with `/` separators. */
  file: string;
  /** 1-based line and column of the value at `pointer`; undefined when the file is missing. */
  line: number | undefined;
  column: number | undefined;
  /** JSON pointer of the value in the file (`""`: the whole document). */
  pointer: string;
  message: string;
}

/** `file:line:column pointer: message`, the form editors and terminals link. */
export function formatIssue(issue: ConfigIssue): string {
  const where =
    issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column}`;
  return `${where} ${issue.pointer === "" ? "(document)" : issue.pointer}: ${issue.message}`;
}

const LISTED = 20;

/**
 * The app folder does not hold a valid configuration: files that are not JSON, values the spec's
 * schemas refuse, files missing from the layout. Thrown before anything is sent. `issues` lists
 * every problem; the message the first twenty.
 */
export class ConfigValidationError extends AdminError {
  static override readonly name: string = "ConfigValidationError";
  readonly dir: string;
  readonly issues: readonly ConfigIssue[];

  constructor(dir: string, issues: readonly ConfigIssue[]) {
    const shown = issues.slice(0, LISTED).map((issue) => `  ${formatIssue(issue)}`);
    if (issues.length > LISTED) shown.push(`  … and ${issues.length - LISTED} more (see .issues)`);
    super(
      `${issues.length} problem${issues.length === 1 ? "" : "s"} in the app folder ${dir}; nothing was sent:\n` +
        shown.join("\n"),
    );
    this.dir = dir;
    this.issues = issues;
  }
}

/**
 * The pull's folder cannot take the app as it is: a part of it cannot be written, or holds a file
 * where the app has a folder (or the reverse). Thrown before anything in the folder is changed;
 * `dir` is the folder, the message says which part and what to do.
 */
export class PullFolderError extends AdminError {
  static override readonly name: string = "PullFolderError";
  readonly dir: string;

  constructor(dir: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.dir = dir;
  }
}

/**
 * `pullApp`'s `confirm` said no: the pull would have replaced `overwritten` (files already in the
 * folder, with other bytes) and deleted `deleted`. Thrown with nothing in the folder changed, the
 * staging folder removed and the lock released; paths are relative and sorted.
 */
export class PullDeclinedError extends AdminError {
  static override readonly name: string = "PullDeclinedError";
  readonly dir: string;
  readonly overwritten: readonly string[];
  readonly deleted: readonly string[];

  constructor(dir: string, changes: PullOverwrites) {
    super(
      `the pull into ${dir} was declined: it would overwrite ${changes.overwritten.length} ` +
        `and delete ${changes.deleted.length} file(s); nothing was changed`,
    );
    this.dir = dir;
    this.overwritten = changes.overwritten;
    this.deleted = changes.deleted;
  }
}

/** What a pull would do to files already in its folder (paths relative and sorted). */
export interface PullOverwrites {
  /** Files already there that the pull would replace with other bytes (not the ones it creates). */
  overwritten: readonly string[];
  /** Files of the layout that the app no longer has, which the pull would delete. */
  deleted: readonly string[];
}

/**
 * Another pull into the same folder, or a push from it, is under way (or one was stopped where
 * this process cannot tell whether it still runs). Thrown by `pullApp` before anything in the
 * folder is changed, and by `pushApp` before anything is sent. `lock` is the file beside the
 * folder that a pull holds while it stages and renames files in, and a push while it reads them
 * (or, for a takeover of it left by a killed process, `<lock>.takeover`): the file the message
 * says to delete if none is running.
 */
export class PullInProgressError extends AdminError {
  static override readonly name: string = "PullInProgressError";
  readonly dir: string;
  readonly lock: string;

  /** `asking`: what was refused, a pull (the default) or a push (which holds the lock too). */
  constructor(dir: string, lock: string, holder: string, asking: "pull" | "push" = "pull") {
    // A push's lock names its holder with " (push)" after it (see `lockUpdates`).
    const push = holder.endsWith(" (push)");
    const held = push ? "push" : "pull";
    const which = held === asking ? "another" : "a";
    const by = push ? holder.slice(0, -" (push)".length) : holder;
    super(
      `${which} ${push ? "push from" : "pull into"} ${dir} is under way (${by}); nothing was ` +
        `${asking === "pull" ? "changed" : "sent"}. ${asking === "pull" ? "Pull" : "Push"} again ` +
        `once it has ended; if no ${held} is running, delete ${lock}`,
    );
    this.dir = dir;
    this.lock = lock;
  }
}

/** A secret the folder refers to by name, and where. */
export interface SecretReference {
  name: string;
  /** Every place that names it (file, line, column, pointer; `message` says how). */
  references: ConfigIssue[];
}

/**
 * The folder refers to secrets the app does not have. Thrown before anything is sent: create
 * them first (`admin.secrets.createSecret`), as the API's push documentation asks.
 */
export class MissingSecretsError extends AdminError {
  static override readonly name: string = "MissingSecretsError";
  readonly missing: readonly SecretReference[];

  constructor(appId: string, missing: readonly SecretReference[]) {
    const lines = missing.map(
      (secret) =>
        `  ${secret.name} (${secret.references.map((ref) => formatIssue(ref).split(" ")[0]).join(", ")})`,
    );
    super(
      `app ${appId} has no secret named ${missing.map((m) => JSON.stringify(m.name)).join(", ")}; ` +
        `create ${missing.length === 1 ? "it" : "them"} before pushing (nothing was changed):\n` +
        lines.join("\n"),
    );
    this.missing = missing;
  }
}

/** How far a failed push got. */
export interface PushProgress {
  /** The draft the push opened, if it got that far. */
  draftId: string | undefined;
  /** Whether the draft was discarded after the failure (so the app is as before the push). */
  draftDiscarded: boolean;
  /** Whether the configuration was sent into the draft (it may have been, when the connection broke). */
  importSent: boolean;
  /** The deployment, once the draft was deployed. */
  deploymentId: string | undefined;
  /** Hosting paths already changed on the server (uploaded, re-attributed or deleted). */
  hostingApplied: string[];
}

/**
 * `pushApp` failed after it started changing the server. `progress` says what was applied;
 * `nextStep` what to do about it; `cause` is the original error.
 */
export class PushAppError extends AdminError {
  static override readonly name: string = "PushAppError";
  readonly progress: PushProgress;
  readonly nextStep: string;

  constructor(what: string, progress: PushProgress, nextStep: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`push failed ${what}: ${why}. ${describeProgress(progress)} ${nextStep}`, { cause });
    this.progress = progress;
    this.nextStep = nextStep;
  }
}

function describeProgress(p: PushProgress): string {
  const parts: string[] = [];
  // "Started", not "applied": it may have failed, timed out or be running still (the cause says).
  if (p.deploymentId)
    parts.push(
      `deployment ${p.deploymentId} was started${p.draftDiscarded ? ` and its draft ${p.draftId} discarded` : ""}`,
    );
  else if (p.draftId && p.draftDiscarded)
    parts.push(`draft ${p.draftId} was discarded, so no configuration change was applied`);
  else if (p.draftId)
    parts.push(
      `draft ${p.draftId} was not discarded${p.importSent ? " and may hold the pushed configuration" : ""}`,
    );
  else parts.push("the configuration was never sent, so no change was applied");
  if (p.hostingApplied.length > 0) {
    parts.push(
      `${p.hostingApplied.length} hosting file(s) were already changed (${p.hostingApplied.slice(0, 5).join(", ")}${p.hostingApplied.length > 5 ? ", …" : ""})`,
    );
  }
  return parts.join("; ") + ".";
}
