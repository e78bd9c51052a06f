#!/usr/bin/env node
// The `appservices-admin` executable (package.json `bin`). Commands, flags and exit codes:
// `appservices-admin --help` and the README.
import { processIo } from "./io.js";
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), process.env, processIo);
