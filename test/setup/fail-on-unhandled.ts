/**
 * Setup of every suite (vitest.config.ts `setupFiles`): a promise rejection nobody handled, or an
 * exception thrown where nobody catches it, fails the test during which it happened, naming the
 * test and the error. One outside any test (a hook, between tests) fails the file's last hook.
 *
 * Vitest reports such errors itself, but only while it is the sole listener (any other
 * `process.on("unhandledRejection")`, in a library or a test, silences it), and then as an
 * error of the whole run that leaves the offending test green. Here the test itself goes red.
 */
import { afterAll, afterEach } from "vitest";

/** Captured before any test can install fake timers. */
const { setImmediate: nextTurn } = globalThis;
const strays: { kind: string; error: unknown }[] = [];
const onRejection = (error: unknown) => strays.push({ kind: "an unhandled rejection", error });
const onException = (error: unknown) => strays.push({ kind: "an uncaught exception", error });
process.on("unhandledRejection", onRejection);
process.on("uncaughtException", onException);

/** Collects what was reported, after one turn of the event loop so that Node has reported it. */
async function collect(): Promise<{ kind: string; error: unknown }[]> {
  // Node reports a rejection as unhandled only once the microtask queue has drained.
  await new Promise((resolve) => nextTurn(resolve));
  return strays.splice(0);
}

function strayError(found: { kind: string; error: unknown }[], where: string): Error {
  const lines = found.map(({ kind, error }) => `${kind}: ${String(error)}`);
  const errors = found.map(({ error }) => error);
  return new Error(`${where} left ${found.length} error(s) nobody handled:\n${lines.join("\n")}`, {
    // Their stacks: vitest prints the cause with its source location.
    cause: errors.length === 1 ? errors[0] : new AggregateError(errors),
  });
}

afterEach(async (context) => {
  const found = await collect();
  if (found.length > 0)
    throw strayError(found, `test "${context.task.name}" (or a hook before it)`);
});

afterAll(async () => {
  const found = await collect();
  // From here on, vitest's own handler (again the only listener) reports anything later.
  process.off("unhandledRejection", onRejection);
  process.off("uncaughtException", onException);
  if (found.length > 0) throw strayError(found, "this file, outside any test,");
});
