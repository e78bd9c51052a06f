/** What a step returns: its value for the next steps, and one line to print. */
export interface StepOutcome<T> {
  value: T;
  detail: string;
}

/** Runs a numbered step, printing its outcome and time; notes print under the current step. */
export interface Stepper {
  <T>(label: string, run: () => Promise<StepOutcome<T>>): Promise<T>;
  note(text: string): void;
  summary(lines: readonly string[]): void;
}

/** A step printer for scripts: `[n] label: detail (ms)`, and a failing step names itself. */
export function createStepper(write: (line: string) => void = (l) => console.log(l)): Stepper {
  let count = 0;
  const started = performance.now();
  const stepper = async <T>(label: string, run: () => Promise<StepOutcome<T>>): Promise<T> => {
    const n = ++count;
    write(`[${n}] ${label}`);
    const t0 = performance.now();
    try {
      const { value, detail } = await run();
      write(`    ok: ${detail} (${Math.round(performance.now() - t0)} ms)`);
      return value;
    } catch (error) {
      write(`    failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
  return Object.assign(stepper, {
    note: (text: string) => write(`    - ${text}`),
    summary: (lines: readonly string[]) => {
      write(`\nSummary (${count} steps, ${Math.round(performance.now() - started)} ms)`);
      for (const line of lines) write(`  ${line}`);
    },
  });
}
