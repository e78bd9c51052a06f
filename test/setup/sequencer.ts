/**
 * The order test files start in (vitest.config.ts `sequence.sequencer`): vitest's own (the
 * longest first by the durations it recorded, else the largest file first), except that the
 * whole-project checks start before everything else.
 *
 * Why: on a fresh clone (CI) vitest has no durations, so it starts the largest files first, and
 * these are small files (typecheck.test.ts is 30 lines) that run the longest: both compilers over
 * the project, prettier over every file, the generated tree compared and formatted. Started
 * among the last of 200 files, one of them kept a core busy for half a minute while the other
 * idled. Started first, the short files fill in around them.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files whose cost their size does not show: each runs a whole-project check. */
const WHOLE_PROJECT = /\/test\/(repo\/[^/]+|generator\/check-generated)\.test\.ts$/;

/** Vitest's order, with the whole-project checks moved to the front of their project's files. */
export class WholeProjectFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Vitest runs projects one after another: the move stays within a project.
    const projects = [...new Set(sorted.map((file) => file.project.name))];
    const rank = (file: TestSpecification) =>
      projects.indexOf(file.project.name) * 2 + (WHOLE_PROJECT.test(file.moduleId) ? 0 : 1);
    // Array.prototype.sort is stable: vitest's order holds within each rank.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
