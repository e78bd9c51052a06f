import { isDeepStrictEqual } from "node:util";
import { modelName } from "../../spec/naming.js";
import { GeneratorError, named } from "../errors.js";
import type { OperationModel, ParameterModel, SharedParameterModel } from "./types.js";

/**
 * The parameters declared once, in `parameters.ts`, instead of in every operation's params type
 * (`groupId` and `appId` would otherwise carry their doc some 180 times each): every component
 * parameter an operation references, and every inline parameter identical to one of them (name,
 * location, required, deprecated, description, schema, style, explode). An inline parameter that
 * no component matches stays with its operation: the spec gives it no name to be shared under.
 * Neither is shared where an `x-exactly-one-of` group declares it, per branch. Returns the
 * operations with `shared` set on those parameters, and the types they use, sorted by name.
 * Refuses two components on one type name, and a type name an operations file binds itself.
 */
export function shareParameters(
  operations: readonly OperationModel[],
  file?: string,
): { operations: OperationModel[]; shared: SharedParameterModel[] } {
  const byComponent = new Map<string, SharedParameterModel>();
  for (const p of operations.flatMap((op) => op.parameters)) {
    if (p.component === undefined || byComponent.has(p.component)) continue;
    const typeName = named(() => `${modelName(p.component!)}Param`, file, p.pointer);
    byComponent.set(p.component, { typeName, component: p.component, parameter: p });
  }
  const shared = [...byComponent.values()].sort((a, b) => compare(a.typeName, b.typeName));
  shared.forEach((s, i) => {
    const twin = shared[i + 1];
    if (twin?.typeName === s.typeName) {
      throw new GeneratorError(
        `component parameters ${s.parameter.pointer} and ${twin.parameter.pointer} would both be declared as ${s.typeName}`,
        { file, pointer: twin.parameter.pointer },
      );
    }
  });
  const shareOf = (p: ParameterModel) =>
    p.component !== undefined
      ? byComponent.get(p.component)
      : shared.find((s) => isDeepStrictEqual(facts(s.parameter), facts(p)));
  const out = operations.map((op) => {
    const grouped = new Set(op.exactlyOneOf?.flat());
    const parameters = op.parameters.map((p) => {
      const typeName = grouped.has(p.name) ? undefined : shareOf(p)?.typeName;
      return typeName ? { ...p, shared: typeName } : p;
    });
    return { ...op, parameters };
  });
  checkBindings(out, file);
  // A component only x-exactly-one-of groups use gets no type.
  const used = new Set(out.flatMap((op) => op.parameters.map((p) => p.shared)));
  return { operations: out, shared: shared.filter((s) => used.has(s.typeName)) };
}

/** What makes two parameters the same to a caller and a reader (not where they are written). */
function facts(p: ParameterModel): unknown[] {
  return [p.name, p.in, p.required, p.deprecated, p.description, p.schema, p.style, p.explode];
}

/** A type an operations file imports must not share a name with what that file declares. */
function checkBindings(operations: readonly OperationModel[], file?: string): void {
  const bound = new Map<string, OperationModel>();
  for (const op of operations) {
    const stem = op.typeStem;
    for (const name of [stem, `${stem}Params`, `${stem}Result`, `${stem}ResultByAccept`])
      bound.set(`${op.namespace} ${name}`, op);
  }
  for (const op of operations) {
    for (const p of op.parameters) {
      const clash = p.shared && bound.get(`${op.namespace} ${p.shared}`);
      if (clash) {
        throw new GeneratorError(
          `${clash.operationId} (${clash.pointer}) declares ${p.shared}, the name of the shared ` +
            `parameter ${p.pointer} that its operations file imports`,
          { file, pointer: clash.pointer },
        );
      }
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
