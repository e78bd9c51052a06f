/**
 * Hostile operationIds and schema names (specprobe): each either becomes code that binds, or is
 * refused with a GeneratorError naming the spec file and the operation's or schema's pointer.
 * Every case here once generated code that did not compile or crashed the generator.
 */
import { describe, expect, test } from "vitest";
import { GeneratorError } from "../../generator/errors.js";
import { methodNames } from "../../spec/naming.js";
import { modelOf, op } from "./helpers/fragment.js";

const POINTER = "#/paths/~1things/get";

function refusal(build: () => unknown): GeneratorError {
  try {
    build();
  } catch (error) {
    if (error instanceof GeneratorError) return error;
    throw error;
  }
  throw new Error("the spec was accepted");
}

describe("operationIds that name Object.prototype members", () => {
  test.each(["constructor", "toString", "hasOwnProperty", "valueOf"])(
    "%s is its own method name, not a corrected one",
    (id) => {
      expect(methodNames(id)).toEqual({ name: id });
      const [model] = modelOf(op("/things", "get", { operationId: id })).operations;
      expect(model).toMatchObject({ name: id, operationId: id });
      expect(model).not.toHaveProperty("deprecatedAlias");
    },
  );

  test("__proto__ is refused with its pointer, not a TypeError", () => {
    const error = refusal(() => modelOf(op("/things", "get", { operationId: "__proto__" })));
    expect(error.message).toContain(`fragment.yaml ${POINTER}`);
    expect(error.message).toContain("__proto__");
  });
});

describe("method names the generated tag file cannot bind", () => {
  test.each(["_getThing", "$getThing", "__"])(
    "%s: its descriptor would have the function's own name",
    (id) => {
      const error = refusal(() => modelOf(op("/things", "get", { operationId: id })));
      expect(error.message).toContain(`fragment.yaml ${POINTER}`);
      expect(error.message).toContain(`descriptor name "${id.replace(/[^A-Za-z0-9_$]/g, "_")}"`);
    },
  );

  test.each(["sendOperation", "FetchResult", "OperationClient"])(
    "%s collides with what every tag file imports",
    (id) => {
      const error = refusal(() => modelOf(op("/things", "get", { operationId: id })));
      expect(error.message).toContain(`fragment.yaml ${POINTER}`);
      expect(error.message).toContain("already binds");
    },
  );

  test("a schema named FetchResult would clash in index.ts's re-exports", () => {
    const doc = op(
      "/things",
      "get",
      { operationId: "getThing" },
      { components: { schemas: { FetchResult: { type: "string" } } } },
    );
    const error = refusal(() => modelOf(doc));
    expect(error.message).toContain("fragment.yaml #/components/schemas/FetchResult");
  });
});

describe("tags and their files", () => {
  const twoTags = (first: string, second: string) => {
    const doc = op("/things", "get", { operationId: "getThing", tags: [first] });
    (doc.paths as Record<string, unknown>)["/others"] = {
      get: {
        operationId: "getOther",
        tags: [second],
        responses: { "204": { description: "done" } },
      },
    };
    return doc;
  };

  test("two namespaces that differ only by case are refused: they share one tag file", () => {
    const error = refusal(() => modelOf(twoTags("myApps", "myAPPS")));
    expect(error.message).toContain("fragment.yaml #/paths/~1");
    expect(error.message).toContain('"myApps"');
    expect(error.message).toContain('"myAPPS"');
    expect(error.message).toContain("share the file operations/my-apps.ts");
  });

  test("a tag too long for a file name is refused with its pointer, before anything is written", () => {
    const error = refusal(() =>
      modelOf(op("/things", "get", { operationId: "getThing", tags: ["a".repeat(300)] })),
    );
    expect(error.message).toContain(`fragment.yaml ${POINTER}`);
    expect(error.message).toContain("file name of 303 bytes");
  });

  test("a tag of 250 letters still generates", () => {
    const [model] = modelOf(
      op("/things", "get", { operationId: "getThing", tags: ["a".repeat(250)] }),
    ).operations;
    expect(model!.namespace).toBe("a".repeat(250));
  });
});
