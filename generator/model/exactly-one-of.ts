import type { JsonObject } from "../../spec/json.js";
import { childPointer } from "../../spec/pointer.js";
import { GeneratorError } from "../errors.js";
import type { ParameterModel } from "./types.js";

/** The operation extension naming groups of parameters of which exactly one must be given. */
export const EXACTLY_ONE_OF = "x-exactly-one-of";

/**
 * The `x-exactly-one-of` groups of an operation (`[["user_id", "run_as_system"]]`: give exactly
 * one of the two), checked against its parameters; undefined when the operation has none. Each
 * group names at least two distinct optional query parameters: an unknown name, a path parameter
 * (always required) or a required query parameter (then it could never be left out) is a
 * GeneratorError at the name's pointer.
 */
export function exactlyOneOf(
  operation: JsonObject,
  parameters: readonly ParameterModel[],
  pointer: string,
  file?: string,
): string[][] | undefined {
  const value = operation[EXACTLY_ONE_OF];
  if (value === undefined) return undefined;
  const at = childPointer(pointer, EXACTLY_ONE_OF);
  if (!Array.isArray(value) || value.length === 0) {
    throw new GeneratorError(`${EXACTLY_ONE_OF} must be a non-empty list of parameter groups`, {
      file,
      pointer: at,
    });
  }
  return value.map((group: unknown, g) => {
    const groupAt = childPointer(at, g);
    if (!Array.isArray(group) || group.length < 2 || new Set(group).size !== group.length) {
      throw new GeneratorError(
        `${EXACTLY_ONE_OF} group must list two or more distinct parameter names`,
        { file, pointer: groupAt },
      );
    }
    return group.map((name: unknown, i) => {
      const where = { file, pointer: childPointer(groupAt, i) };
      const param = parameters.find((p) => p.name === name);
      if (typeof name !== "string" || !param) {
        const known = parameters.map((p) => p.name).join(", ") || "none";
        throw new GeneratorError(
          `${EXACTLY_ONE_OF} names ${JSON.stringify(name)}, which is not a parameter of this operation (parameters: ${known})`,
          where,
        );
      }
      if (param.in !== "query" || param.required) {
        throw new GeneratorError(
          `${EXACTLY_ONE_OF} names the ${param.required ? "required " : ""}${param.in} parameter "${name}" (${param.pointer}); ` +
            "only optional query parameters can be left out",
          where,
        );
      }
      return name;
    });
  });
}
