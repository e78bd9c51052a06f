/** A place in a text file, both 1-based. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Where the value at `pointer` (a JSON pointer, `""` or `"/a/0"`) starts in `text`, or where the
 * text stops being JSON when it is not valid. Values come from `JSON.parse`; this index is built
 * only when an error has to be placed, so a valid folder costs no extra pass. A pointer that does
 * not resolve is placed at its deepest existing parent.
 */
export function locateJson(text: string, pointer: string): TextPosition {
  const target = pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeSegment);
  const scanner = new Scanner(text, target);
  try {
    scanner.document();
  } catch (error) {
    if (!(error instanceof Found)) return positionAt(text, scanner.errorAt ?? scanner.i);
    return positionAt(text, error.offset);
  }
  return positionAt(text, scanner.best);
}

/** Where `text` stops being valid JSON (for a `JSON.parse` failure), or undefined when it is valid. */
export function syntaxErrorPosition(text: string): TextPosition | undefined {
  const scanner = new Scanner(text, undefined);
  try {
    scanner.document();
    return undefined;
  } catch {
    return positionAt(text, scanner.errorAt ?? scanner.i);
  }
}

/**
 * How deep a config file's JSON may nest. `JSON.parse` takes any depth, but placing an error in
 * the file, validating and comparing the value walk it recursively and overflow the stack a few
 * thousand levels down (the error then placed wherever the stack ran out, or a bare RangeError);
 * the emulator refuses more than this too. No configuration comes near it.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Where `text` first opens a bracket `max` levels deep (outside strings), or undefined. A text of
 * `max` characters or fewer cannot, and is not scanned: most config files are that short.
 */
export function tooDeepAt(text: string, max = MAX_JSON_DEPTH): number | undefined {
  if (text.length <= max) return undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote (an escaped character is skipped with its backslash).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** Line and column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** One JSON pointer segment, escaped (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Found {
  constructor(readonly offset: number) {}
}

/** A recursive-descent walk that checks the grammar and notes where the target value starts. */
class Scanner {
  i = 0;
  errorAt: number | undefined;
  /** Start of the deepest value found on the way to the target. */
  best = 0;

  constructor(
    readonly text: string,
    readonly target: readonly string[] | undefined,
  ) {}

  document(): void {
    this.value(0, true);
    this.ws();
    if (this.i < this.text.length) this.fail();
  }

  /** Scans one value; `onPath`: the path so far is a prefix of the target, of length `depth`. */
  value(depth: number, onPath: boolean): void {
    this.ws();
    if (onPath && this.target) {
      this.best = this.i;
      if (depth === this.target.length) throw new Found(this.i);
    }
    const c = this.text[this.i];
    if (c === "{") return this.container("}", depth, onPath, () => this.key());
    if (c === "[") {
      let index = 0;
      return this.container("]", depth, onPath, () => String(index++));
    }
    if (c === '"') return this.string();
    this.i = this.match(LITERAL);
  }

  container(close: string, depth: number, onPath: boolean, next: () => string): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      const segment = next();
      this.value(depth + 1, onPath && this.target?.[depth] === segment);
      this.ws();
      const c = this.text[this.i++];
      if (c === close) return;
      if (c !== ",") this.fail(this.i - 1);
    }
  }

  key(): string {
    this.ws();
    const start = this.i;
    if (this.text[this.i] !== '"') this.fail();
    this.string();
    const key = JSON.parse(this.text.slice(start, this.i)) as string;
    this.ws();
    if (this.text[this.i++] !== ":") this.fail(this.i - 1);
    return key;
  }

  string(): void {
    this.i = this.match(STRING);
  }

  /** The end of `pattern` matched right at the cursor (sticky: no copy of the rest of the text). */
  match(pattern: RegExp): number {
    pattern.lastIndex = this.i;
    if (!pattern.test(this.text)) this.fail();
    return pattern.lastIndex;
  }

  ws(): void {
    while (/[ \t\n\r]/.test(this.text[this.i] ?? "")) this.i++;
  }

  fail(at = this.i): never {
    this.errorAt = at;
    throw new SyntaxError("invalid JSON");
  }
}
