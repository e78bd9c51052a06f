import type { AdminCaller } from "../client/create-admin-core.js";
import { GetAllSecrets } from "../../generated/operations/secrets.js";
import type { AppFolder } from "./app-folder.js";
import { MissingSecretsError, type SecretReference } from "./errors.js";
import type { AppTarget } from "./import-call.js";
import { locateJson, pointerSegment } from "./json-position.js";

/**
 * Every secret the folder names, with where: a value with `from_secret: true` (its `value` is
 * the secret's name), the string values of any `secret_config` object (auth providers, services,
 * data sources) and any non-empty `secret_name` (Data API, endpoints). Sorted by name.
 */
export function secretReferences(folder: AppFolder): SecretReference[] {
  const found = new Map<string, SecretReference>();
  for (const [file, root] of folder.json) {
    // The path to the node being visited; made a JSON pointer only for a reference found.
    const path: (string | number)[] = [];
    const add = (name: unknown, how: string) => {
      if (typeof name !== "string" || name === "") return;
      const pointer = path.map((segment) => `/${pointerSegment(segment)}`).join("");
      const text = folder.text.get(file) ?? "";
      const ref = { file, ...locateJson(text, pointer), pointer, message: how };
      const entry = found.get(name) ?? { name, references: [] };
      entry.references.push(ref);
      found.set(name, entry);
    };
    const under = (segment: string | number, then: () => void) => {
      path.push(segment);
      then();
      path.pop();
    };
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => under(i, () => visit(item)));
      if (node === null || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if (record.from_secret === true && file.startsWith("values/")) {
        under("value", () => add(record.value, "a value read from a secret"));
      }
      for (const [key, child] of Object.entries(record)) {
        if (key === "secret_name") under(key, () => add(child, "secret_name"));
        else if (key === "secret_config" && child !== null && typeof child === "object") {
          for (const [field, name] of Object.entries(child)) {
            under(key, () => under(field, () => add(name, `secret_config.${field}`)));
          }
        } else under(key, () => visit(child));
      }
    };
    visit(root);
  }
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Lists the app's secrets (`GET …/secrets`, names only: the API never returns a value) and
 * throws `MissingSecretsError` for any the folder names that the app lacks. Sends nothing that
 * changes the app. Skipped (no request) when the folder names no secret.
 */
export async function checkSecrets(
  client: AdminCaller,
  target: AppTarget,
  folder: AppFolder,
): Promise<void> {
  const wanted = secretReferences(folder);
  if (wanted.length === 0) return;
  const { groupId, appId, signal } = target;
  const secrets = await client.call(GetAllSecrets, { groupId, appId }, { signal });
  const have = new Set(secrets.map((secret) => secret.name));
  const missing = wanted.filter((secret) => !have.has(secret.name));
  if (missing.length > 0) throw new MissingSecretsError(appId, missing);
}

/**
 * Runs `work` while the secrets the folder names are checked (`checkSecrets`), instead of after:
 * `work` gets the check as `cleared`, to hold back what must not be sent unless it passes, and a
 * signal that also aborts when it fails. The check's failure wins over whatever `work` throws.
 */
export async function whileCheckingSecrets<T>(
  client: AdminCaller,
  target: AppTarget,
  folder: AppFolder,
  work: (cleared: Promise<void>, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  const signal = target.signal ? AbortSignal.any([target.signal, stop.signal]) : stop.signal;
  const cleared = checkSecrets(client, target, folder);
  const [check, done] = await Promise.allSettled([
    cleared.catch((error: unknown) => {
      stop.abort(error);
      throw error;
    }),
    work(cleared, signal),
  ]);
  if (check.status === "rejected") throw check.reason;
  if (done.status === "rejected") throw done.reason;
  return done.value;
}
