/**
 * How Go's encoding/json writes a string's content (the real server's, and proxies built with
 * Go): JSON's escapes, and `<`, `>`, `&`, U+2028, U+2029 as `\u` escapes. `before122`: as Go
 * before 1.22 wrote it, with `\b` and `\f` as `\u0008` and `\u000c` too.
 */
export function goJson(text: string, { before122 = false } = {}): string {
  const escaped = before122 ? "<>&\u2028\u2029\b\f" : "<>&\u2028\u2029";
  let out = "";
  for (const char of text) {
    if (escaped.includes(char)) {
      out += `\\u${char.codePointAt(0)!.toString(16).padStart(4, "0")}`;
    } else out += JSON.stringify(char).slice(1, -1);
  }
  return out;
}
