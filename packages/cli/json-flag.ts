import { UsageError } from "./exit-codes.js";

/**
 * A flag's JSON value, or a usage error naming the flag and where the text stops being JSON
 * (`--value is not JSON: Unexpected token 'h', "hello" is not valid JSON`), with a reminder that
 * a JSON string needs its quotes (the shell eats one pair).
 */
export function parseJsonFlag(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = (error as Error).message;
    const hint = /^[\s"[{\d-]|^(true|false|null)\b/.test(text)
      ? ""
      : ` (a JSON string needs quotes: ${flag} '"text"')`;
    throw new UsageError(`${flag} is not JSON: ${why}${hint}`);
  }
}
