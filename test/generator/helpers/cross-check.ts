import type { ValidateFunction } from "ajv";
import type { OpenApiDocument } from "../../../spec/json.js";
import { getAt } from "../../../spec/pointer.js";
import { sample, type SampleContext } from "./sample.js";
import { specOperations } from "./spec-operations.js";
import { specView } from "./spec-view.js";
import { DocumentValidators } from "./validators.js";
import { variants } from "./variants.js";

type Schema = Record<string, unknown>;
/** The parts of generated/operation-schemas.json this check reads. */
export interface OperationSchemasFile {
  components: { schemas: Record<string, Schema> } & Record<string, Record<string, Schema>>;
  operations: Record<
    string,
    {
      method: string;
      path: string;
      parameters: { name: string; in: string; required: boolean; schema: Schema }[];
      exactlyOneOf?: string[][];
      requestBody?: { required: boolean; mediaType: string; schema?: Schema };
      responses: Record<string, { mediaType?: string; schema?: Schema }>;
    }
  >;
}

/**
 * Every way `file` (operation-schemas.json, what the emulator validates requests with) differs
 * from the repaired `spec` it was generated from, one line each: operations, method and path,
 * parameter names, locations and required flags, the request media type and required flag,
 * response statuses and media types; and for every parameter, request body and 2xx JSON response
 * schema, a value either schema accepts that the other rejects, among values synthesised from
 * each schema and the variants around them (variants.ts). `only` limits it to some operations.
 */
export function crossCheck(file: OperationSchemasFile, spec: OpenApiDocument, only?: string[]) {
  const problems: string[] = [];
  const declaredOps = specOperations(spec);
  const ops = new DocumentValidators(file, "https://appservices-admin.test/operation-schemas.json");
  // Requests are checked against the spec's request view, responses against its response view
  // (readOnly/writeOnly; see spec-view.ts).
  const specs = {
    write: new DocumentValidators(
      specView(spec, "write"),
      "https://appservices-admin.test/repaired-spec-write.json",
    ),
    read: new DocumentValidators(
      specView(spec, "read"),
      "https://appservices-admin.test/repaired-spec-read.json",
    ),
  };
  const specComponents = (getAt(spec, "#/components/schemas") ?? {}) as Record<string, Schema>;
  const ids = [...new Set([...declaredOps.keys(), ...Object.keys(file.operations)])].sort();
  for (const id of only ?? ids) {
    const emitted = file.operations[id];
    const declared = declaredOps.get(id);
    if (!emitted || !declared) {
      problems.push(`${id}: only in ${emitted ? "operation-schemas.json" : "the spec"}`);
      continue;
    }
    const differ = (what: string, got: unknown, want: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`${id}: ${what} ${JSON.stringify(got)}, the spec ${JSON.stringify(want)}`);
    };
    /** Values synthesised from both schemas, bytes as the latin1 text they travel as. */
    const seeds = (opsSchema: Schema, specPointer: string, view: "read" | "write") =>
      [
        sample(opsSchema, {
          components: file.components.schemas,
          sections: file.components,
          text: "text",
          compile: ops.of.bind(ops),
        } as SampleContext),
        sample(
          getAt(spec, specPointer) as Schema,
          {
            components: specComponents,
            text: "text",
            compile: specs[view].of.bind(specs[view]),
          } as SampleContext,
        ),
      ].map(textual);
    const compare = (what: string, opsPointer: string, specPointer: string, opsSchema: Schema) => {
      const view = what.startsWith("response") ? "read" : "write";
      const problem = disagreement(
        ops.at(opsPointer),
        specs[view].at(specPointer),
        seeds(opsSchema, specPointer, view),
      );
      if (problem) problems.push(`${id}: ${what}: ${problem}`);
    };

    differ(
      "method and path",
      `${emitted.method} ${emitted.path}`,
      `${declared.method} ${declared.path}`,
    );
    const signature = (ps: { name: string; in: string; required: boolean }[]) =>
      ps.map((p) => `${p.in} ${p.name}${p.required ? " (required)" : ""}`).sort();
    differ("parameters", signature(emitted.parameters), signature(declared.parameters));
    differ("exactlyOneOf", emitted.exactlyOneOf ?? null, declared.exactlyOneOf ?? null);
    emitted.parameters.forEach((p, i) => {
      const match = declared.parameters.find((q) => q.name === p.name && q.in === p.in);
      if (match)
        compare(
          `${p.in} parameter ${p.name}`,
          `#/operations/${id}/parameters/${i}/schema`,
          match.schemaPointer,
          p.schema,
        );
    });

    const body = emitted.requestBody;
    const declaredBody = declared.requestBody;
    differ("request body", Boolean(body), Boolean(declaredBody));
    if (body && declaredBody) {
      differ("request body required", body.required, declaredBody.required);
      const offered = Object.keys(declaredBody.content);
      if (!offered.includes(body.mediaType)) differ("request media type", body.mediaType, offered);
      const pointer = declaredBody.content[body.mediaType];
      differ("request body schema", Boolean(body.schema), Boolean(pointer));
      if (body.schema && pointer)
        compare("request body", `#/operations/${id}/requestBody/schema`, pointer, body.schema);
    }

    const statuses = (r: object) => Object.keys(r).sort();
    differ("response statuses", statuses(emitted.responses), statuses(declared.responses));
    for (const [status, response] of Object.entries(emitted.responses)) {
      const media = declared.responses[status] ?? {};
      const type = response.mediaType;
      if (type === undefined ? Object.keys(media).length > 0 : !(type in media))
        differ(`response ${status} media type`, type ?? null, Object.keys(media));
      const pointer = type && media[type];
      if (status.startsWith("2") && response.schema && pointer && type.includes("json"))
        compare(
          `response ${status}`,
          `#/operations/${id}/responses/${status}/schema`,
          pointer,
          response.schema,
        );
    }
  }
  return problems;
}

/** The first synthesised value (or variant of one) the two validators disagree on, described. */
function disagreement(emitted: ValidateFunction, declared: ValidateFunction, seeds: unknown[]) {
  if (!seeds.some((seed) => declared(seed)))
    return `no synthesised value is valid for the spec (${brief(seeds[1])}): ${JSON.stringify(declared.errors?.[0])}`;
  for (const seed of seeds) {
    for (const { where, value } of [{ where: "", value: seed }, ...variants(seed)]) {
      const verdict = declared(value);
      if (emitted(value) !== verdict)
        return `operation-schemas.json ${verdict ? "rejects" : "accepts"} ${brief(value)} (the sample${where}), which the spec ${verdict ? "accepts" : "rejects"}`;
    }
  }
  return undefined;
}

function textual(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("latin1");
  if (Array.isArray(value)) return value.map(textual);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, textual(v)]));
  return value;
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
