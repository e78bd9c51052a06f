import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Command } from "commander";
import { AdminError, DEFAULT_BASE_URL } from "appservices-admin";
import { operations } from "appservices-admin/types";
import { matchOperation } from "../api-paths.js";
import { connectFolder, folderProject } from "../app-folder.js";
import { connectProject, addConnectionOptions, type ConnectionFlags } from "../connection.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { parseJsonFlag } from "../json-flag.js";
import { openClient } from "../open-client.js";
import { fillPath, rawCall, type Method } from "../raw-call.js";
import { readStdin } from "../stdin.js";

interface ApiFlags extends ConnectionFlags {
  data?: string;
  output?: string;
  list?: boolean;
  json?: boolean;
}

const METHODS: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** `api <METHOD> <path>`: any operation of the API, checked against the known ones. */
export function apiCommand(program: Command, ctx: CliContext): void {
  const api = program
    .command("api")
    .description(
      "call any Admin API operation: the path is checked against the spec's operations " +
        "({groupId} and {appId} are filled from the settings); prints the JSON answer",
    )
    .argument("[method]", METHODS.join(", "))
    .argument("[path]", "e.g. /groups/{groupId}/apps/{appId}/values (a query string may follow)")
    .option("--data <json>", "the request body: JSON, @file to read it from a file, - for stdin")
    .option("--output <file>", "write the answer's body to this file (needed for a zip)")
    .option("--list", "list the known operations (METHOD path namespace.method) and exit")
    .option("--json", "print the answer as one line of JSON instead of indented");
  addConnectionOptions(api).action(
    (method: string | undefined, path: string | undefined, flags: ApiFlags) =>
      ctx.run(flags, () => runApi(method, path, flags, ctx)),
  );
}

async function runApi(
  methodArg: string | undefined,
  path: string | undefined,
  flags: ApiFlags,
  ctx: CliContext,
): Promise<number> {
  if (flags.list) {
    const lines = operations.map((o) => `${o.method.padEnd(7)}${o.path}  ${o.namespace}.${o.name}`);
    await ctx.io.out(`${lines.sort().join("\n")}\n`);
    return 0;
  }
  const method = methodArg?.toUpperCase() as Method | undefined;
  if (method === undefined || path === undefined) throw new UsageError("api needs <method> <path>");
  if (!METHODS.includes(method)) {
    throw new UsageError(`<method> must be one of ${METHODS.join(", ")}, got "${methodArg}"`);
  }
  const { operation, values } = matchOperation(method, path);
  if (operation.requestMediaType !== undefined && !operation.requestMediaType.includes("json")) {
    throw new UsageError(
      `${method} ${operation.path} takes ${operation.requestMediaType}, which api cannot send (hosting sync uploads files)`,
    );
  }
  // fetch refuses a GET with a body, which would surface as an internal error after connecting.
  if (flags.data !== undefined && method === "GET") {
    throw new UsageError("--data: GET sends no request body (put parameters in the query string)");
  }
  const body =
    flags.data === undefined ? undefined : parseJsonFlag(await dataText(flags.data, ctx), "--data");
  // A secret's value is write-only: an error or an answer that echoes the request must not show
  // it. Known by the operation, not by the word `value`, which a Value's data goes by too.
  const sent = (body as { value?: unknown } | null | undefined)?.value;
  if (typeof sent === "string" && /\/secrets(\/\{secretId\})?$/.test(operation.path)) {
    ctx.io.redactor.add(sent, { pinned: true });
  }
  if (flags.output !== undefined) await checkOutput(flags.output);
  const query = queryOf(path, operation.queryParams, ctx);
  const placeholders = Object.entries(values).filter(([, v]) => /^\{.+\}$/.test(v));
  const wants = (name: string) => placeholders.some(([k]) => k === name);
  // A flag given for a path with nothing to fill would be ignored: the user meant another app or
  // project than the one the path names. (The environment and the profile are defaults: unused.)
  for (const [name, flag] of [
    ["appId", "--app-id (-a)"],
    ["groupId", "--group-id (--project)"],
  ] as const) {
    if (flags[name] !== undefined && !wants(name)) {
      throw new UsageError(
        `${flag} is given, but the path has no {${name}} to fill: put the value in the path, or drop the flag`,
      );
    }
  }
  const opened = wants("appId")
    ? await connectFolder(".", flags, ctx)
    : wants("groupId")
      ? await connectProject(await folderProject(".", flags, ctx), ctx.env, ctx.io, ctx.signal)
      : await openClient(flags, ctx.env, ctx.io, { appId: false });
  checkSameApi(path, opened.baseUrl ?? DEFAULT_BASE_URL);
  const filled: Record<string, string> = { ...values };
  for (const [name] of placeholders) {
    const value = (opened as { groupId?: string; appId?: string })[name as "groupId" | "appId"];
    if (value === undefined)
      throw new UsageError(`{${name}} in the path needs a value: give it in the path`);
    filled[name] = value;
  }
  const { data, response } = await rawCall(opened.admin, {
    method,
    template: operation.path,
    path: filled,
    query,
    body,
    signal: ctx.signal,
    parseAs: "arrayBuffer",
  });
  const bytes = Buffer.from((data as ArrayBuffer | undefined) ?? new ArrayBuffer(0));
  if (flags.output !== undefined) {
    await writeAtomically(flags.output, bytes);
    ctx.io.err(`wrote ${bytes.length} bytes to ${flags.output}\n`);
    return 0;
  }
  const type = response.headers.get("content-type") ?? "";
  if (bytes.length === 0) {
    if (flags.json) await ctx.io.out("null\n");
    return 0;
  }
  if (!/json|^text\//i.test(type)) {
    throw new UsageError(
      `the answer is ${type || "binary"} (${bytes.length} bytes): save it with --output <file>`,
    );
  }
  const text = bytes.toString("utf8");
  // An answer may echo what the session knows (the profile lists the key pair's public part). A
  // JSON answer is redacted as a value, string by string: redacting its text could take a
  // string's closing quote for part of a secret (`"...?api_key=x"`) and print broken JSON.
  const { redactor } = ctx.io;
  const shown = /json/i.test(type)
    ? JSON.stringify(
        redactor.value(parseAnswer(text, method, operation.path, filled)),
        null,
        flags.json ? 0 : 2,
      )
    : redactor.text(text);
  await ctx.io.out(`${shown.trimEnd()}\n`);
  return 0;
}

/**
 * A JSON answer, parsed. One that does not parse is the server's fault, said as such: not the
 * engine's SyntaxError, which would read as a bug of the CLI and quotes the text around the fault
 * cut to ten characters either side, where a key cut short no longer matches the redactor.
 */
function parseAnswer(
  text: string,
  method: Method,
  template: string,
  values: Readonly<Record<string, string>>,
): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AdminError(
      `${method} ${fillPath(template, values)} returned a body that is not valid JSON ` +
        `(${Buffer.byteLength(text)} bytes): save it with --output <file> to see it`,
    );
  }
}

/** The query string after the path, by name; names the operation does not declare are sent with a warning. */
function queryOf(
  path: string,
  declared: readonly string[],
  ctx: CliContext,
): Record<string, unknown> {
  const search = path.includes("?") ? path.slice(path.indexOf("?") + 1) : "";
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [previous, value].flat();
    if (!declared.includes(name)) {
      ctx.io.err(
        `warning: the spec declares no query parameter "${name}" here; sending it anyway\n`,
      );
    }
  }
  return query;
}

/**
 * A path given as a full URL names its server, and the call goes to the one set (the session's
 * tokens go nowhere else): one that names another would act on the wrong deployment unawares.
 */
function checkSameApi(path: string, baseUrl: string): void {
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(path)) return;
  if (!URL.canParse(path)) throw new UsageError(`<path> is not a URL: ${path}`);
  const url = new URL(path);
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  if (url.origin !== base.origin || !`${url.pathname}/`.startsWith(`${basePath}/`)) {
    throw new UsageError(
      `${url.origin}${url.pathname} is not the API set (${base.origin}${basePath}): give the path alone, or set --base-url`,
    );
  }
}

/** `--data`: the JSON itself, `@file`, or `-` for standard input. */
async function dataText(data: string, ctx: CliContext): Promise<string> {
  if (data === "-") return readStdin(ctx.io.stdin, ctx.signal);
  if (data.startsWith("@")) {
    try {
      return await readFile(data.slice(1), "utf8");
    } catch (error) {
      throw new UsageError(
        `--data ${data}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return data;
}

/**
 * `--output`, checked before the call: the answer to a POST or DELETE cannot be asked for again,
 * so a path that cannot take it must not be found out after the call.
 */
async function checkOutput(file: string): Promise<void> {
  if (file === "") throw new UsageError("--output needs a file name");
  const folder = await stat(dirname(file)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new UsageError(`--output ${file}: no such folder ${dirname(file)}`);
  }
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`--output ${file}: is a folder`);
  }
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UsageError(
      `--output ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
