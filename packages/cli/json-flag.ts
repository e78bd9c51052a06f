import { UsageError } from "./exit-codes.js";

/**
 * A flag's JSON value, or a usage error naming the flag and what stops the text being JSON
 * (`--value is not JSON: Unexpected token 'h', "…" is not valid JSON`), with a reminder that
 * a JSON string needs its quotes (the shell eats one pair). The engine's quote of the text is
 * left out: it cuts the text ten characters either side of the fault, and a secret value cut
 * there (`--data '{"value": s3cr3t}'`) no longer matches the redactor, which knows whole secrets.
 */
export function parseJsonFlag(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = (error as Error).message.replace(/(\.\.\.)?"[^]*"(\.\.\.)?/, '"…"');
    const hint = /^[\s"[{\d-]|^(true|false|null)\b/.test(text)
      ? ""
      : ` (a JSON string needs quotes: ${flag} '"text"')`;
    throw new UsageError(`${flag} is not JSON: ${why}${hint}`);
  }
}
