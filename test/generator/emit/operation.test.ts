import { describe, expect, it } from "vitest";
import { op } from "../helpers/fragment.js";
import { renderFragment } from "../helpers/render.js";

const thing = { type: "object", properties: { name: { type: "string" } } };
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

/** The rendered operations file of the fragment's single tag, whitespace collapsed. */
async function operationsFile(doc: Parameters<typeof renderFragment>[0]): Promise<string> {
  const files = await renderFragment(doc);
  return files.get("operations/things.ts")!.replace(/\s+/g, " ");
}

describe("operation emitter", () => {
  it.each([
    {
      name: "path and query parameters flat, optional query marked, body as body; typed function",
      doc: op("/g/{groupId}", "post", {
        operationId: "adminCreateThing",
        parameters: [
          {
            name: "groupId",
            in: "path",
            required: true,
            schema: { type: "string" },
            description: "The group.",
          },
          { name: "dry_run", in: "query", schema: { type: "boolean" } },
        ],
        requestBody: { required: true, ...json(thing) },
        responses: { "201": { description: "made", ...json(thing) } },
      }),
      want: [
        'export type CreateThingParams = { /** * The group. */ groupId: operations["adminCreateThing"]["parameters"]["path"]["groupId"];',
        'dry_run?: NonNullable<operations["adminCreateThing"]["parameters"]["query"]>["dry_run"];',
        'body: operations["adminCreateThing"]["requestBody"]["content"]["application/json"]; };',
        'export type CreateThingResult = operations["adminCreateThing"]["responses"][201]["content"]["application/json"];',
        "export function createThing( client: OperationClient, params: CreateThingParams, init?: OperationInit, ): Promise<FetchResult<CreateThingResult>> { return sendOperation(client, CreateThing, params, init); }",
        'pathParams: ["groupId"], queryParams: ["dry_run"], requestMediaType: "application/json", };',
        "`POST /g/{groupId}` (operationId `adminCreateThing`)",
      ],
    },
    {
      name: "no required parameter: params may be left out; 204 result is undefined",
      doc: op("/x", "delete", {
        operationId: "deleteX",
        parameters: [{ name: "force", in: "query", schema: { type: "boolean" } }],
      }),
      want: [
        "export type DeleteXResult = undefined;",
        "params: DeleteXParams = {},",
        "What {@link deleteX} resolves to (204 no content).",
      ],
    },
    {
      name: "no parameters at all: an empty record",
      doc: op("/x", "get", {
        operationId: "getX",
        responses: { "200": { description: "ok", ...json(thing) } },
      }),
      want: ["export type GetXParams = Record<string, never>;", "pathParams: [], queryParams: [],"],
    },
    {
      name: "optional body",
      doc: op("/x", "put", { operationId: "putX", requestBody: json(thing) }),
      want: [
        'body?: NonNullable<operations["putX"]["requestBody"]>["content"]["application/json"];',
        "params: PutXParams = {},",
      ],
    },
    {
      name: "200 and 204 together: the body or undefined",
      doc: op("/x", "get", {
        operationId: "getX",
        responses: { "200": { description: "ok", ...json(thing) }, "204": { description: "none" } },
      }),
      want: [
        'export type GetXResult = operations["getX"]["responses"][200]["content"]["application/json"] | undefined;',
      ],
    },
    {
      name: "binary response parsed as a Blob",
      doc: op("/x", "get", {
        operationId: "exportX",
        responses: {
          "200": {
            description: "zip",
            content: { "application/zip": { schema: { type: "string", format: "binary" } } },
          },
        },
      }),
      want: ["export type ExportXResult = Blob;", 'queryParams: [], parseAs: "blob", };'],
    },
    {
      name: "text response parsed as text",
      doc: op("/x", "get", {
        operationId: "readX",
        responses: {
          "200": { description: "t", content: { "text/plain": { schema: { type: "string" } } } },
        },
      }),
      want: ["export type ReadXResult = string;", 'parseAs: "text",'],
    },
    {
      name: "no 2xx response declared: unknown",
      doc: op("/x", "get", { operationId: "oddX", responses: { "404": { description: "nf" } } }),
      want: ["export type OddXResult = unknown;", "(the spec declares no 2xx response)"],
    },
    {
      name: "a request body's media type is a fact of the descriptor (sendOperation encodes it)",
      doc: op("/x", "put", {
        operationId: "uploadX",
        requestBody: {
          required: true,
          content: {
            "multipart/mixed": {
              schema: {
                type: "object",
                properties: { meta: thing, file: { type: "string", format: "binary" } },
              },
            },
          },
        },
      }),
      want: ['requestMediaType: "multipart/mixed",', "Sent as `multipart/mixed`."],
    },
    {
      name: "parameter names that are not identifiers are quoted",
      doc: op("/x", "get", {
        operationId: "getX",
        parameters: [{ name: "filter-by", in: "query", schema: { type: "string" } }],
      }),
      want: [
        '"filter-by"?: NonNullable<operations["getX"]["parameters"]["query"]>["filter-by"];',
        'queryParams: ["filter-by"],',
      ],
    },
    {
      name: "deprecated operation and parameter, summary and description in the JSDoc, */ escaped",
      doc: op("/x", "get", {
        operationId: "oldX",
        deprecated: true,
        summary: "Old thing",
        description: "Do not use */ this.",
        parameters: [{ name: "p", in: "query", deprecated: true, schema: { type: "string" } }],
      }),
      want: [
        "* Old thing * * Do not use *\\/ this. * * `GET /x` (operationId `oldX`) * @deprecated Deprecated in the API spec. */ export function oldX(",
        "* @deprecated */ p?:",
      ],
    },
  ])("$name", async ({ doc, want }) => {
    const text = await operationsFile(doc);
    for (const snippet of want) expect(text).toContain(snippet);
  });

  it("imports only sibling generated files (contract.ts imports openapi-fetch)", async () => {
    const files = await renderFragment(op("/x", "get", { operationId: "getX" }));
    for (const [name, text] of files) {
      if (!name.endsWith(".ts")) continue;
      const specifiers = [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
      for (const s of specifiers)
        expect(s === "openapi-fetch" || s.startsWith("./") || s.startsWith("../")).toBe(true);
    }
  });

  it("refuses 2xx responses that need different parsing", async () => {
    const doc = op("/x", "get", {
      operationId: "mixedX",
      responses: {
        "200": { description: "j", ...json(thing) },
        "201": { description: "z", content: { "application/zip": {} } },
      },
    });
    await expect(renderFragment(doc)).rejects.toThrow(
      /#\/paths\/~1x\/get: mixedX: its 2xx responses need different parsing \(json, blob\)/,
    );
  });
});
