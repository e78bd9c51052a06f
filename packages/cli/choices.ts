import { UsageError } from "./exit-codes.js";

/**
 * How many choices an error's line lists, as the SDK's app errors do: a login may reach hundreds of
 * projects, and a client_app_id's start match hundreds of apps.
 */
export const LISTED_CHOICES = 20;

/**
 * A usage error (exit 2) listing what the user can choose from: the apps a name matches, the
 * projects a login reaches. Its line shows the first `LISTED_CHOICES`; with `--json`, the command
 * prints `document`, which has them all, on stdout, for a script to choose from.
 */
export class ChoiceError extends UsageError {
  constructor(
    message: string,
    readonly document: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** `items` joined by `separator`: the first `LISTED_CHOICES`, then how many more there are. */
export function firstChoices(items: readonly string[], separator: string): string {
  const shown = items.slice(0, LISTED_CHOICES);
  const more = items.length - shown.length;
  return more > 0
    ? `${shown.join(separator)}${separator}… and ${more} more`
    : shown.join(separator);
}
