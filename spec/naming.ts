/**
 * The naming rules of the generated client (DESIGN §3), shared by the generator and the drift
 * report's client-surface section so both always agree.
 */

/** Tag -> namespace: camelCase of the tag's words (`log_forwarders` -> `logForwarders`). */
export function namespaceName(tag: string): string {
  const words = tag.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0) throw new Error(`tag ${JSON.stringify(tag)} has no letters or digits`);
  const name = words
    .map((w, i) =>
      i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join("");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * operationId -> method name: a leading `admin` before an upper-case letter is removed and the first
 * letter lower-cased (`adminListApplications` -> `listApplications`; `getAdminProfile` stays).
 */
export function upstreamMethodName(operationId: string): string {
  const bare = /^admin[A-Z]/.test(operationId) ? operationId.slice("admin".length) : operationId;
  const name = bare.replace(/[^A-Za-z0-9_$]/g, "_");
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * Upstream operationIds that are wrong, with the name we publish instead. The upstream-derived name
 * stays available as a deprecated alias so code written against it keeps working.
 */
export const CORRECTED_NAMES: Readonly<Record<string, { name: string; why: string }>> = {
  deleteGwarder: {
    name: "deleteLogForwarder",
    why: "typo upstream: its siblings are createLogForwarder, getLogForwarder, updateLogForwarder",
  },
  adminCreateASecret: {
    name: "createSecret",
    why: "stray article upstream: its siblings are adminDeleteSecret and adminUpdateValue-style names",
  },
  adminModifyASecret: {
    name: "modifySecret",
    why: "stray article upstream, as adminCreateASecret",
  },
};

/** The published method name and, when corrected, the deprecated upstream-derived alias. */
export function methodNames(operationId: string): { name: string; deprecatedAlias?: string } {
  // Own keys only: `constructor` or `__proto__` would otherwise find Object.prototype's members.
  const corrected = Object.hasOwn(CORRECTED_NAMES, operationId)
    ? CORRECTED_NAMES[operationId]
    : undefined;
  const upstream = upstreamMethodName(operationId);
  return corrected ? { name: corrected.name, deprecatedAlias: upstream } : { name: upstream };
}

/** Component schema name -> exported model type name (a valid, PascalCase-preserving identifier). */
export function modelName(schemaName: string): string {
  const words = schemaName.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  if (name === "")
    throw new Error(`schema name ${JSON.stringify(schemaName)} has no usable characters`);
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
