/**
 * Every command's `--help`, found by walking the command tree (so a new command is covered
 * without listing it here): exit 0, usage naming the full command, the exit-code table, nothing
 * on stderr. In-process through `runCli` with captured streams: the real bin's help is covered
 * for a few commands in errors.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Command } from "commander";
import { EXIT } from "../../packages/cli/exit-codes.js";
import { projectRoot } from "../../spec/source.js";
import { Redactor } from "../../packages/core/redact.js";
import { createContext } from "../../packages/cli/context.js";
import type { CliIo } from "../../packages/cli/io.js";
import { buildProgram } from "../../packages/cli/program.js";
import { runCli } from "../../packages/cli/run.js";

function memoryIo(redactor: Redactor): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: async (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += redactor.text(text)),
    stdin: Readable.from([]),
    errIsTTY: false,
    errStream: process.stderr,
    redactor,
  };
  return io;
}

/** Every command path under the program: ["apps"], ["apps", "list"], ... */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

const paths = commandPaths(
  buildProgram(createContext({}, memoryIo(new Redactor()), new AbortController().signal)),
);

async function help(path: string[]) {
  let io: ReturnType<typeof memoryIo> | undefined;
  const code = await runCli([...path, "--help"], {}, (redactor) => (io = memoryIo(redactor)));
  return { code, stdout: io!.stdout, stderr: io!.stderr };
}

describe("appservices-admin <command> --help", () => {
  it("covers the official CLI's commands and ours", () => {
    const names = paths.map((p) => p.join(" "));
    for (const expected of [
      "login",
      "whoami",
      "logout",
      "apps list",
      "apps create",
      "apps delete",
      "apps describe",
      "pull",
      "diff",
      "push",
      "deploy list",
      "deploy status",
      "secrets list",
      "secrets create",
      "secrets update",
      "secrets delete",
      "values list",
      "values create",
      "values update",
      "values delete",
      "users list",
      "users create",
      "users delete",
      "users disable",
      "users enable",
      "users revoke",
      "function run",
      "api",
      "logs",
      "hosting sync",
      "drift",
      "emulator",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(paths.filter((p) => p[0] !== "drift").map((p) => [p.join(" "), p] as const))(
    "%s --help",
    async (_name, path) => {
      const result = await help(path);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      // Aliases show beside the name: "apps|app list|ls".
      const usage = path.map((name) => `${name}(\\|[\\w-]+)?`).join(" ");
      expect(result.stdout).toMatch(new RegExp(`^Usage: appservices-admin ${usage}[ \\n]`));
      expect(result.stdout).toContain("Exit codes:");
      expect(result.stdout).toContain("7    the deployment failed");
    },
  );
});

async function run(argv: string[]) {
  let io: ReturnType<typeof memoryIo> | undefined;
  const code = await runCli(argv, {}, (redactor) => (io = memoryIo(redactor)));
  return { code, stdout: io!.stdout, stderr: io!.stderr };
}

describe("appservices-admin help <command...>", () => {
  it.each(paths.filter((p) => p[0] !== "drift").map((p) => [p.join(" "), p] as const))(
    "help %s shows what the command's --help shows",
    async (_name, path) => {
      expect(await run(["help", ...path])).toEqual(await help(path));
    },
  );

  it("help alone is the program's help", async () => {
    const result = await run(["help"]);
    expect(result).toEqual(await run(["--help"]));
    expect(result.stdout).toMatch(/^Usage: appservices-admin \[options\] \[command\]/);
  });

  it("finds sub-commands by alias, as the command line does", async () => {
    expect(await run(["help", "secret", "ls"])).toEqual(await help(["secrets", "list"]));
  });

  it.each([
    [["nothing"], "unknown command 'nothing'"],
    [["secrets", "nothing"], "unknown command 'nothing' of 'secrets'"],
    [["secrets", "create", "extra"], "unknown command 'extra' of 'create'"],
  ])("help %j is a usage error naming the unknown command", async (names, message) => {
    const result = await run(["help", ...names]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });
});

describe("the exit codes", () => {
  it("the CLI package's README has a row for each code, and no other", () => {
    const section = readFileSync(join(projectRoot, "packages", "cli", "README.md"), "utf8");
    const rows = [...section.matchAll(/^\| (\d+) +\|/gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });

  it("the README's table says what --help says, code by code", async () => {
    // A script's author reads one or the other; a meaning in only one of them misleads.
    const flat = (text: string) => text.replace(/`/g, "").replace(/\s+/g, " ").trim();
    const readme = readFileSync(join(projectRoot, "packages", "cli", "README.md"), "utf8");
    const documented = [...readme.matchAll(/^\| (\d+) +\| (.+?) +\|$/gm)].map(
      (m) => [m[1], flat(m[2]!)] as const,
    );
    const { stdout } = await help(["apps", "list"]);
    const table = stdout.slice(stdout.indexOf("Exit codes:\n") + "Exit codes:\n".length);
    const shown = [...table.matchAll(/^ {2}(\d+) +(.+(?:\n {7}.+)*)/gm)].map(
      (m) => [m[1], flat(m[2]!)] as const,
    );
    expect(shown.length).toBe(Object.keys(EXIT).length);
    expect(documented).toEqual(shown);
  });
});
