/**
 * The generator features repaired specs rely on, on one small committed spec
 * (fixtures/contract/spec.yaml) whose output is committed beside it for the type tests
 * (contract-types.test.ts): readOnly/writeOnly views, x-exactly-one-of groups, several response
 * media types. Here: that output is up to date, and its operation-schemas.json holds the request
 * and response views and the groups, as the emulator and the conformance tests read them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffTree } from "../../generator/diff-tree.js";
import { renderSpec } from "../../generator/generate.js";
import { repairedSpecFile } from "../../spec/pipeline.js";
import { projectRoot } from "../../spec/source.js";
import { crossCheck, type OperationSchemasFile } from "./helpers/cross-check.js";
import { DocumentValidators } from "./helpers/validators.js";

const dir = join(projectRoot, "test", "generator", "fixtures", "contract");
const specFile = join(dir, "spec.yaml");
const file = JSON.parse(
  readFileSync(join(dir, "generated", "operation-schemas.json"), "utf8"),
) as OperationSchemasFile & { components: Record<string, unknown> };

describe("the contract fixture", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    ({ files } = await renderSpec({ specFile }));
  });

  it("its committed output is what the generator makes of its spec (else regenerate, see spec.yaml)", () => {
    expect(diffTree(files, join(dir, "generated"))).toEqual([]);
  });

  it("its operation-schemas.json agrees with the spec, each side of the wire in its view", () => {
    expect(crossCheck(file, repairedSpecFile(specFile).doc)).toEqual([]);
  });

  it.each<[string, string, (ops: OperationSchemasFile["operations"]) => void, RegExp]>([
    [
      "a request body that still requires the readOnly fields",
      "adminCreateThing",
      (ops) => (ops.adminCreateThing!.requestBody!.schema = { $ref: "#/components/schemas/Thing" }),
      /adminCreateThing: request body: operation-schemas\.json rejects .*, which the spec accepts/,
    ],
    [
      "a response that no longer requires them",
      "adminCreateThing",
      (ops) =>
        (ops.adminCreateThing!.responses["201"]!.schema = {
          $ref: "#/components/writeSchemas/Thing",
        }),
      /adminCreateThing: response 201: operation-schemas\.json accepts .*, which the spec rejects/,
    ],
    [
      "an exactly-one-of group dropped",
      "adminExecuteFunction",
      (ops) => delete ops.adminExecuteFunction!.exactlyOneOf,
      /adminExecuteFunction: exactlyOneOf null, the spec \[\["user_id","run_as_system"\]\]/,
    ],
  ])("the cross-check catches %s", (_name, id, tamper, problem) => {
    const copy = structuredClone(file);
    tamper(copy.operations);
    expect(crossCheck(copy, repairedSpecFile(specFile).doc, [id]).join("\n")).toMatch(problem);
  });
});

describe("operation-schemas.json: readOnly and writeOnly", () => {
  const validators = new DocumentValidators(file, "https://appservices-admin.test/contract.json");
  const requestOf = (id: string) => validators.at(`#/operations/${id}/requestBody/schema`);
  const responseOf = (id: string, status: string) =>
    validators.at(`#/operations/${id}/responses/${status}/schema`);
  const thing = { _id: "t1", name: "n", last_modified: 1 };

  it.each([
    ["a body without the server-assigned fields", "adminCreateThing", { name: "n" }, true],
    ["a body with them still (they are allowed, not required)", "adminCreateThing", thing, true],
    ["a body without a required writable field", "adminCreateThing", { _id: "t1" }, false],
    ["a writeOnly field in a body", "adminCreateThing", { name: "n", secret: "s" }, true],
    [
      "a nested readOnly field left out",
      "adminUpdateThing",
      { thing: { name: "n" }, note: "x" },
      true,
    ],
    ["a nested writable field left out", "adminUpdateThing", { thing: {}, note: "x" }, false],
  ])("request: %s", (_name, id, body, valid) => {
    expect(requestOf(id)(body)).toBe(valid);
  });

  it.each([
    ["a result with the server-assigned fields", "adminCreateThing", "201", thing, true],
    ["a result without _id", "adminCreateThing", "201", { name: "n", last_modified: 1 }, false],
    [
      "a nested result without _id",
      "adminUpdateThing",
      "200",
      { thing: { name: "n", last_modified: 1 }, note: "x" },
      false,
    ],
    ["a nested result with it", "adminUpdateThing", "200", { thing, note: "x" }, true],
    [
      "a list of results without _id",
      "adminListThings",
      "200",
      [{ name: "n", last_modified: 1 }],
      false,
    ],
  ])("response: %s", (_name, id, status, body, valid) => {
    expect(responseOf(id, status)(body)).toBe(valid);
  });

  it("keeps the components as written and adds a request view only where one differs", () => {
    expect(Object.keys(file.components).sort()).toEqual(["schemas", "writeSchemas"]);
    expect(Object.keys(file.components.writeSchemas as object).sort()).toEqual([
      "Envelope",
      "Thing",
    ]);
    expect(file.components.schemas.Thing!.required).toEqual(["_id", "name", "last_modified"]);
    expect(file.operations.adminCreateThing!.requestBody!.schema).toEqual({
      $ref: "#/components/writeSchemas/Thing",
    });
    expect(file.operations.adminCreateThing!.responses["201"]!.schema).toEqual({
      $ref: "#/components/schemas/Thing",
    });
  });
});

describe("operation-schemas.json: exactly-one-of groups", () => {
  it("carries them on the operation, and only there", () => {
    expect(file.operations.adminExecuteFunction!.exactlyOneOf).toEqual([
      ["user_id", "run_as_system"],
    ]);
    const others = Object.entries(file.operations).filter(([, op]) => op.exactlyOneOf);
    expect(others.map(([id]) => id)).toEqual(["adminExecuteFunction"]);
  });
});
