import {
  StructureKind,
  type SourceFileStructure,
  type StatementStructures,
  type WriterFunction,
} from "ts-morph";

/** A top-level statement: a structure, or literal source text. */
export type Statement = StatementStructures | string;

const blankLine: WriterFunction = (writer) => writer.blankLineIfLastNot();

/**
 * A source file structure whose top-level statements are separated by one blank line (imports
 * stay together), which prettier keeps but would not add.
 */
export function sourceFile(statements: readonly Statement[]): SourceFileStructure {
  const spaced: (StatementStructures | string | WriterFunction)[] = [];
  statements.forEach((statement, index) => {
    const isImport = (s: unknown) =>
      typeof s === "object" &&
      s !== null &&
      (s as { kind?: unknown }).kind === StructureKind.ImportDeclaration;
    if (index > 0 && !(isImport(statement) && isImport(statements[index - 1])))
      spaced.push(blankLine);
    spaced.push(statement);
  });
  return { kind: StructureKind.SourceFile, statements: spaced };
}
