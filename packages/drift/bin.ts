#!/usr/bin/env node
/**
 * The `appservices-admin-drift` executable (package.json `bin`): the API drift report between two
 * specs (files or URLs); exit codes in `--help`. `npm run drift` in the repository runs it too.
 */
import { EXIT, runDriftCli } from "./cli.js";

const name =
  process.env["npm_lifecycle_event"] === "drift" ? "npm run drift --" : "appservices-admin-drift";

runDriftCli(process.argv.slice(2), {
  stdout: (text) =>
    process.stdout.write(text.replace(/^Usage: npm run drift -- /, `Usage: ${name} `)),
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
