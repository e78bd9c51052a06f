import { SpecError } from "./errors.js";

/**
 * Runs a script's main function: a known failure prints one readable line and exits 1 (or the
 * code it carries); anything else prints its stack, since that is a bug.
 */
export function runMain(main: () => Promise<number | void> | number | void): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        if (typeof code === "number") process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof SpecError || (error instanceof Error && "exitCode" in error)) {
          console.error(`error: ${error.message}`);
          process.exitCode = (error as { exitCode?: number }).exitCode ?? 1;
        } else {
          console.error(error);
          process.exitCode = 1;
        }
      },
    );
}
