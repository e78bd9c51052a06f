/**
 * npm run drift -- <old-spec> <new-spec> [--format md|json] [--fail-on breaking|potentially-breaking]
 * The API drift report between two specs (files or URLs), through the drift package's own bin;
 * exit codes in `--help` and docs/drift.md.
 */
import "../packages/drift/bin.js";
