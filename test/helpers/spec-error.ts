import { SpecError } from "../../spec/errors.js";

/** The SpecError `fn` throws; anything else it throws, or no throw at all, fails the test. */
export function caughtSpecError(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("expected a SpecError");
}
