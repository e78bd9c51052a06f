/**
 * generated/operation-schemas.json is what the emulator validates requests with, and the generator
 * writes it: an emitter bug that loosened it would let the emulator accept requests the real API
 * refuses, and nothing generated would notice. So it is checked against the repaired spec itself,
 * operation by operation (helpers/cross-check.ts), and the check is shown to catch each kind of
 * drift on a tampered copy.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repairedPinnedSpec } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";
import { crossCheck, type OperationSchemasFile } from "./helpers/cross-check.js";

const file = JSON.parse(
  readFileSync(join(projectRoot, "generated", "operation-schemas.json"), "utf8"),
) as OperationSchemasFile;
const spec = repairedPinnedSpec().doc;

describe("generated/operation-schemas.json against the repaired spec", () => {
  it("agrees for every operation", () => {
    expect(crossCheck(file, spec)).toEqual([]);
  }, 60_000);
});

type Ops = OperationSchemasFile["operations"];
const DEPLOY = "adminConfigureDeployment"; // JSON body: $ref DeploymentConfig, which has `required`
const MEASURE = "adminAppMeasurements"; // query parameters, one of them an enum

describe("the cross-check catches", () => {
  it.each<
    [
      string,
      string,
      (ops: Ops, components: Record<string, Record<string, unknown>>) => void,
      RegExp,
    ]
  >([
    [
      "`required` dropped from a component schema",
      DEPLOY,
      (_, components) => delete components.DeploymentConfig!.required,
      /adminConfigureDeployment: request body: operation-schemas\.json accepts .* \(the sample\/\w+ removed\), which the spec rejects/,
    ],
    [
      "a request body schema loosened to {}",
      DEPLOY,
      (ops) => (ops[DEPLOY]!.requestBody!.schema = {}),
      /request body: operation-schemas\.json accepts .*, which the spec rejects/,
    ],
    [
      "a property type changed",
      DEPLOY,
      (_, components) => {
        const properties = components.DeploymentConfig!.properties as Record<string, object>;
        properties.automatic_deployment = { type: "string" };
      },
      /request body: operation-schemas\.json (rejects|accepts) /,
    ],
    [
      "an enum dropped from a query parameter",
      MEASURE,
      (ops) => delete ops[MEASURE]!.parameters.find((p) => p.name === "granularity")!.schema.enum,
      /query parameter granularity: operation-schemas\.json accepts "\w+-?\w*" \(the sample.*\), which the spec rejects/,
    ],
    [
      "a query parameter made required",
      MEASURE,
      (ops) => (ops[MEASURE]!.parameters.find((p) => p.name === "granularity")!.required = true),
      /adminAppMeasurements: parameters \[.*"query granularity \(required\)".*\], the spec \[.*"query granularity".*\]/,
    ],
    [
      "a parameter dropped",
      MEASURE,
      (ops) => void ops[MEASURE]!.parameters.pop(),
      /adminAppMeasurements: parameters /,
    ],
    [
      "a request body made optional",
      DEPLOY,
      (ops) => (ops[DEPLOY]!.requestBody!.required = !ops[DEPLOY]!.requestBody!.required),
      /request body required (true|false), the spec (true|false)/,
    ],
    [
      "another request media type",
      DEPLOY,
      (ops) => (ops[DEPLOY]!.requestBody!.mediaType = "text/plain"),
      /request media type "text\/plain", the spec \["application\/json"\]/,
    ],
    [
      "a 2xx status renumbered",
      DEPLOY,
      (ops) => {
        const responses = ops[DEPLOY]!.responses;
        const ok = Object.keys(responses).find((s) => s.startsWith("2"))!;
        responses["299"] = responses[ok]!;
        delete responses[ok];
      },
      /response statuses \[.*"299".*\], the spec/,
    ],
    [
      "another method",
      DEPLOY,
      (ops) => (ops[DEPLOY]!.method = "POST"),
      /method and path "POST \/groups/,
    ],
  ])("%s", (_name, id, tamper, problem) => {
    const copy = structuredClone(file);
    tamper(copy.operations, copy.components.schemas);
    expect(crossCheck(copy, spec, [id]).join("\n")).toMatch(problem);
    // The untampered operation is clean, so the problem is the tampering's.
    expect(crossCheck(file, spec, [id])).toEqual([]);
  });
});
