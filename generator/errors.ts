import { formatLocation, type SpecLocation } from "../spec/errors.js";

/**
 * A spec the generator cannot turn into a correct client: a name collision, an unsupported
 * construct, a reference that does not resolve. The message names the file and JSON pointer, and
 * for collisions both operations; `exitCode` makes `scripts/lib/run-main.ts` print it as one line.
 */
export class GeneratorError extends Error {
  override name = "GeneratorError";
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly at: SpecLocation = {},
  ) {
    super(at.file || at.pointer ? `${formatLocation(at)}: ${message}` : message);
  }
}

/** Runs a naming rule, turning its complaint into a GeneratorError at the spec location. */
export function named(rule: () => string, file: string | undefined, pointer: string): string {
  try {
    return rule();
  } catch (error) {
    throw new GeneratorError(error instanceof Error ? error.message : String(error), {
      file,
      pointer,
    });
  }
}
