import { readFile } from "node:fs/promises";
import { formatLocation, SpecError } from "../../spec/errors.js";
import { loadSpecText } from "../../spec/load.js";
import { repairSpec } from "../../spec/repair.js";
import { assertRepairedShape } from "../../spec/validate-shape.js";
import { buildSpecModel, type SpecModel } from "./model/spec-model.js";

/** Which of the two specs. */
export type Side = "old" | "new";

/**
 * A spec that cannot be compared: unreadable, not valid YAML, not OpenAPI (or without its
 * structure or operations), failing repair, or holding a `$ref` that resolves to nothing.
 * Says which side, what and where (line and column when the parser knows them).
 */
export class DriftInputError extends Error {
  override name = "DriftInputError";
  /** The JSON pointer of the offending value, when known. */
  readonly pointer?: string;
  constructor(
    readonly side: Side,
    readonly source: string,
    /**
     * `fetch-failed`, `file-missing`, `parse-error`, `not-openapi`, `bad-shape`, `bad-ref`,
     * `repair-failed`.
     */
    readonly reason: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
    options?: { cause?: unknown; pointer?: string },
  ) {
    const where = line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ""}` : "";
    const at = options?.pointer ? ` ${options.pointer}` : "";
    super(`${side} spec ${source}${where}${at}: ${detail}`, options);
    this.pointer = options?.pointer;
  }
}

/** A spec loaded, repaired and indexed, ready to compare. */
export interface PreparedSpec {
  source: string;
  sha256: string;
  /** The `openapi` version string. */
  openapi: string;
  /** Ids of the repairs that changed something. */
  repairs: string[];
  model: SpecModel;
}

export interface ReadOptions {
  /** Used for http(s) sources (tests pass a loopback-only one). */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Reads a spec's text from a file path or an http(s) URL. */
export async function readSpecSource(
  source: string,
  side: Side,
  options: ReadOptions = {},
): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const doFetch = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(source, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new DriftInputError(
        side,
        source,
        "fetch-failed",
        `cannot download: ${why}`,
        undefined,
        undefined,
        { cause },
      );
    }
    if (!response.ok) {
      throw new DriftInputError(
        side,
        source,
        "fetch-failed",
        `download failed: HTTP ${response.status} ${response.statusText}`.trim(),
      );
    }
    return response.text();
  }
  try {
    return await readFile(source, "utf8");
  } catch (cause) {
    const why = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new DriftInputError(
      side,
      source,
      "file-missing",
      `cannot read the file (${why})`,
      undefined,
      undefined,
      { cause },
    );
  }
}

/**
 * Loads (tolerantly: duplicate keys keep the last value), repairs (leniently, with whatever repairs
 * `spec/repairs` holds) and indexes a spec. Invalid input becomes a {@link DriftInputError}.
 */
export function prepareSpec(text: string, source: string, side: Side): PreparedSpec {
  try {
    const loaded = loadSpecText(text, source);
    const { doc, results } = repairSpec(loaded.doc, { mode: "lenient", file: source });
    // A dangling ref would read as a removed schema: hundreds of false breaking changes.
    assertRepairedShape(doc, source);
    return {
      source,
      sha256: loaded.sha256,
      openapi: String(doc.openapi),
      repairs: results.filter((r) => r.status === "applied").map((r) => r.id),
      model: buildSpecModel(doc),
    };
  } catch (cause) {
    if (cause instanceof SpecError) {
      const prefix = `${formatLocation(cause.at)}: `;
      const message = cause.message.startsWith(prefix)
        ? cause.message.slice(prefix.length)
        : cause.message;
      throw new DriftInputError(side, source, cause.code, message, cause.at.line, cause.at.column, {
        cause,
        pointer: cause.at.pointer,
      });
    }
    throw cause;
  }
}

/** Reads and prepares one spec. */
export async function loadSpec(
  source: string,
  side: Side,
  options: ReadOptions = {},
): Promise<PreparedSpec> {
  return prepareSpec(await readSpecSource(source, side, options), source, side);
}
