/**
 * npm run drift -- <old-spec> <new-spec> [--format md|json] [--fail-on breaking|potentially-breaking]
 * The API drift report between two specs (files or URLs); exit codes in `--help` and docs/drift.md.
 */
import { EXIT, runDriftCli } from "../packages/drift/index.js";

runDriftCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Anything other than unusable input is a bug in the tool: show the stack.
    console.error("drift: internal error:", error);
    process.exitCode = EXIT.internal;
  },
);
