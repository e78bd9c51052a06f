/**
 * Small helpers for writing TypeScript source text safely: identifiers, property keys, string
 * literals and JSDoc text taken from an untrusted spec.
 */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if import in instanceof new null return super switch this throw true try " +
    "typeof var void while with implements interface let package private protected public static yield " +
    "await arguments eval"
  ).split(" "),
);

/** True for a name usable as a binding (variable, function, namespace import). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/** A property name as written in an object literal or type: bare when it can be, else quoted. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** `object.name` or `object["na-me"]`. */
export function memberAccess(object: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
    ? `${object}.${name}`
    : `${object}[${JSON.stringify(name)}]`;
}

/** A double-quoted string literal. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** Spec text made safe inside a `/** … *\/` comment (a `*\/` would end it early). */
export function docText(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\r\n?/g, "\n").trimEnd();
}
