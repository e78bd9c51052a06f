import { AdminError } from "appservices-admin";

/**
 * A list the API answered, checked: a server (or a proxy in front of it) that answers 2xx with
 * something else (an empty body, `null`, an object) is at fault and is reported as such (exit 5),
 * rather than as an internal error of the CLI thrown where the list is first read.
 */
export function listed<T>(answer: readonly T[] | null | undefined, what: string): T[] {
  if (Array.isArray(answer)) return answer as T[];
  const shown =
    answer === undefined
      ? "an empty body"
      : answer === null
        ? "null"
        : `${typeof answer === "object" ? "an" : "a"} ${typeof answer}`;
  throw new AdminError(`listing ${what}: the API answered ${shown} where a list belongs`);
}
