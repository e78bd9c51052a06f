import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../spec/source.js";

/** The minified bundle esbuild makes of `source`, an ES module importing from the repository. */
async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: projectRoot, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    write: false,
  });
  return result.outputFiles[0]!.text;
}

describe("a bundler drops the error classes a consumer never reaches", () => {
  test("createAdminCore from the root keeps no deploy error nor openapi-fetch, keeps the API errors it throws", async () => {
    const code = await bundle(
      `import { createAdminCore } from "./packages/index.js";\n` +
        `import { ListApplications } from "./generated/operations/apps.js";\n` +
        `console.log(await createAdminCore().call(ListApplications, { groupId: "g" }));\n`,
    );
    // Messages only the deploy errors hold: their classes are gone, not just renamed.
    expect(code).not.toContain("is already open for app");
    expect(code).not.toContain("so it is still open");
    expect(code).not.toContain("apps there:");
    // Nor openapi-fetch (`raw` is not a core's): its createClient's middleware check and its
    // query serializer.
    expect(code).not.toContain("Middleware must be an object");
    expect(code).not.toContain("Deeply-nested arrays/objects");
    // Nor the multipart encoders: ListApplications takes no body, and only the descriptors of
    // multipart operations name one.
    expect(code).not.toContain("Content-Disposition");
    expect(code).not.toContain("new FormData");
    // Nor what only `raw` calls need: the Request subclass that keeps a body's source, and the
    // sending of a call through openapi-fetch (for a middleware).
    expect(code).not.toContain("extends Request");
    expect(code).not.toContain("parseAs=");
    // What the client can throw stays: createApiError's classes and the abort/timeout errors.
    expect(code).toContain("timed out after");
    expect(code).toContain("was aborted");
  });

  test("a multipart operation's descriptor brings its encoder, and only its own", async () => {
    const code = await bundle(
      `import { createAdminCore } from "./packages/index.js";\n` +
        `import { UploadHostedAsset } from "./generated/operations/hosting.js";\n` +
        `console.log(await createAdminCore().call(UploadHostedAsset, {} as never));\n`,
    );
    expect(code).toContain("Content-Disposition");
    expect(code).not.toContain("new FormData");
  });

  test("rawClient brings openapi-fetch into a bundle of createAdminCore", async () => {
    const withRaw = await bundle(
      `import { createAdminCore, rawClient } from "./packages/index.js";\n` +
        `console.log(await rawClient(createAdminCore()).GET("/groups/{groupId}/apps", { params: { path: { groupId: "g" } } }));\n`,
    );
    expect(withRaw).toContain("Middleware must be an object");
  });

  test("a consumer of deployWithDraft keeps the deploy errors", async () => {
    const code = await bundle(
      `import { deployWithDraft } from "./packages/index.js";\nconsole.log(deployWithDraft);\n`,
    );
    expect(code).toContain("is already open for app");
  });
});

describe("a minified bundle keeps the error classes' names", () => {
  test("name and stack read the class's name, not the minifier's", async () => {
    const code = await bundle(`export * from "./packages/index.js";\n`);
    const sdk = (await import(
      `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`
    )) as typeof import("../../packages/index.js");
    const target = { method: "GET", path: "/groups/g1/apps" };
    const errors = [
      sdk.createApiError({ ...target, status: 404, body: undefined }),
      sdk.createApiError({ ...target, status: 500, body: undefined }),
      new sdk.AdminTimeoutError(target, 5),
      new sdk.AdminAbortError(target, {}),
      new sdk.AdminError("x"),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      "AdminNotFoundError",
      "AdminServerError",
      "AdminTimeoutError",
      "AdminAbortError",
      "AdminError",
    ]);
    expect(errors[0]!.stack).toMatch(
      /^AdminNotFoundError: Not Found|^AdminNotFoundError: HTTP 404/,
    );
  });
});

describe("every exported error class is named in a minified bundle", () => {
  test.each([
    ["root", "./packages/index.js"],
    ["config", "./packages/config/index.js"],
  ])("%s: each class's name is the name it is exported under", async (_, entry) => {
    const code = await bundle(`export * from "${entry}";\n`);
    // A file two levels below the repository root, not a data: URL: config finds the generated
    // schemas relative to its own module's URL.
    const dir = mkdtempSync(join(projectRoot, ".cache", "names-"));
    const file = join(dir, "bundle.mjs");
    writeFileSync(file, code);
    const exported = (await import(pathToFileURL(file).href).finally(() =>
      rmSync(dir, { recursive: true }),
    )) as Record<string, unknown>;
    const classes = Object.entries(exported).filter(
      ([, value]) => typeof value === "function" && value.prototype instanceof Error,
    );
    expect(classes.length).toBeGreaterThan(entry.includes("config") ? 2 : 20);
    expect(classes.filter(([name, value]) => (value as { name: string }).name !== name)).toEqual(
      [],
    );
  });
});
