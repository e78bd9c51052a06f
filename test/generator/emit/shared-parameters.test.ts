import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../../spec/json.js";
import { modelOf, openapi } from "../helpers/fragment.js";
import { renderFragment } from "../helpers/render.js";

const str = { type: "string" };
const groupId = {
  name: "groupId",
  in: "path",
  required: true,
  description: "The project.",
  schema: str,
};
const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const done = { "204": { description: "done" } };
/** A path item with one GET on `things`. */
const get = (operationId: string, parameters: unknown[]) => ({
  get: { tags: ["things"], operationId, parameters, responses: done },
});

/** Operations on `things` under the given paths, with `components/parameters`. */
function spec(
  paths: Record<string, unknown>,
  parameters: Record<string, unknown>,
): OpenApiDocument {
  return openapi({ paths, components: { parameters } });
}

const doc = spec(
  {
    // Path-item level reference.
    "/g/{groupId}/a": { parameters: [ref("GroupId")], ...get("adminListA", [ref("Prefix")]) },
    // Operation level reference.
    "/g/{groupId}/b": get("adminGetB", [ref("GroupId"), ref("Prefix")]),
    // Inline, identical to the component: shares it.
    "/g/{groupId}/c": get("adminGetC", [groupId]),
    // Inline, described otherwise: keeps its own member and doc.
    "/g/{groupId}/d": get("adminGetD", [
      { ...groupId, description: "The group the D belongs to." },
    ]),
    // Inline, same description but another schema: keeps its own member.
    "/g/{groupId}/e": get("adminGetE", [
      { ...groupId, schema: { ...str, pattern: "^[0-9a-f]{24}$" } },
    ]),
  },
  {
    GroupId: groupId,
    Prefix: { name: "prefix", in: "query", description: "Only paths under it.", schema: str },
    Unused: { name: "unused", in: "header", schema: str },
  },
);

/** A file's text with runs of whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("parameters the operations share", () => {
  it("declares each component parameter once, with its doc, as the operations index it", async () => {
    const files = await renderFragment(doc);
    const parameters = files.get("parameters.ts")!;
    expect(flat(parameters)).toContain(
      'import type { components } from "./schema.js"; ' +
        'export type GroupIdParam = { /** * The project. */ groupId: components["parameters"]["GroupId"]; }; ' +
        'export type PrefixParam = { /** * Only paths under it. */ prefix?: components["parameters"]["Prefix"] | undefined; };',
    );
    // A component no operation uses (here one the generator could not even take) is left out.
    expect(parameters).not.toContain("Unused");
  });

  it("joins them into XParams where the parameter is the component or identical to it", async () => {
    const things = flat((await renderFragment(doc)).get("operations/things.ts")!);
    expect(things).toContain('import type { GroupIdParam, PrefixParam } from "../parameters.js";');
    expect(things).toContain("export type ListAParams = GroupIdParam & PrefixParam;");
    expect(things).toContain("export type GetBParams = GroupIdParam & PrefixParam;");
    expect(things).toContain("export type GetCParams = GroupIdParam;");
    // The shared doc is said in the operations file only by E, whose schema differs.
    expect(things.split("The project.").length - 1).toBe(1);
    expect(things).toContain(
      'export type GetDParams = { /** * The group the D belongs to. */ groupId: operations["adminGetD"]["parameters"]["path"]["groupId"]; };',
    );
    expect(things).toContain(
      'export type GetEParams = { /** * The project. */ groupId: operations["adminGetE"]["parameters"]["path"]["groupId"]; };',
    );
  });

  it("records in the model which interface declares each parameter", () => {
    const model = modelOf(doc);
    const shared = Object.fromEntries(
      model.operations.map((op) => [op.operationId, op.parameters.map((p) => p.shared ?? null)]),
    );
    expect(shared).toEqual({
      adminGetB: ["GroupIdParam", "PrefixParam"],
      adminGetC: ["GroupIdParam"],
      adminGetD: [null],
      adminGetE: [null],
      adminListA: ["GroupIdParam", "PrefixParam"],
    });
    expect(model.sharedParameters.map((s) => [s.typeName, s.component])).toEqual([
      ["GroupIdParam", "GroupId"],
      ["PrefixParam", "Prefix"],
    ]);
  });

  it("leaves a parameter an x-exactly-one-of group declares in its branches", async () => {
    const user = { name: "user_id", in: "query", description: "Run as this user.", schema: str };
    const system = { name: "run_as_system", in: "query", schema: { type: "boolean" } };
    const files = await renderFragment(
      spec(
        {
          "/g/{groupId}/run": {
            post: {
              tags: ["things"],
              operationId: "adminRun",
              "x-exactly-one-of": [["user_id", "run_as_system"]],
              parameters: [ref("GroupId"), ref("UserId"), system],
              responses: done,
            },
          },
        },
        { GroupId: groupId, UserId: user },
      ),
    );
    const things = files.get("operations/things.ts")!;
    expect(things).toContain("export type RunParams = GroupIdParam &\n  (\n    | {\n");
    expect(flat(things)).toContain(
      '| { /** * Run as this user. */ user_id: NonNullable<operations["adminRun"]["parameters"]["query"]>["user_id"]; run_as_system?: never; }',
    );
    expect(things).toContain('import type { GroupIdParam } from "../parameters.js";');
    // RunParams states UserId per branch, so no interface declares it.
    expect(things).not.toContain("UserIdParam");
    expect(files.get("parameters.ts")).not.toContain("UserIdParam");
  });

  it("still writes a parameters module, empty, when no operation uses a component parameter", async () => {
    const files = await renderFragment(
      spec(
        {
          "/x": get("getX", []),
        },
        {},
      ),
    );
    expect(files.get("parameters.ts")).toMatch(/\nexport \{\};\n$/);
    expect(files.get("operations/things.ts")).not.toContain("parameters.js");
  });

  it("refuses two components on one interface name, naming both", () => {
    const twin = { ...groupId, description: "Another." };
    const doc2 = spec(
      {
        "/g/{groupId}/a": get("getA", [ref("GroupId")]),
        "/g/{groupId}/b": get("getB", [ref("group-id")]),
      },
      { GroupId: groupId, "group-id": twin },
    );
    expect(() => modelOf(doc2)).toThrow(
      "component parameters #/components/parameters/GroupId and #/components/parameters/group-id would both be declared as GroupIdParam",
    );
  });

  it("refuses an interface name that an operations file declares itself", () => {
    const doc2 = spec(
      {
        "/g/{groupId}": get("groupIdParam", [ref("GroupId")]),
      },
      { GroupId: groupId },
    );
    expect(() => modelOf(doc2)).toThrow(
      "groupIdParam (#/paths/~1g~1{groupId}/get) declares GroupIdParam, the name of the shared parameter",
    );
  });
});
