import { isObject, type JsonObject, type OpenApiDocument } from "../../../spec/json.js";
import { canonicalJson } from "./canonical.js";
import { readOperations, type OperationModel } from "./operations.js";
import { SchemaReach } from "./reachability.js";
import { RefResolver } from "./resolve.js";

/** A repaired spec indexed for comparison. */
export interface SpecModel {
  doc: OpenApiDocument;
  resolver: RefResolver;
  /** Which component schemas a part of the document uses. */
  reach: SchemaReach;
  operations: OperationModel[];
  /** Component schema names, sorted. */
  schemaNames: string[];
  /** Server URLs with variables replaced by their defaults, in document order. */
  servers: string[];
  /** Security scheme name -> canonical JSON of what a client must send (docs left out). */
  securitySchemes: ReadonlyMap<string, string>;
  /** The document-level requirement, in the canonical form of {@link securityText}. */
  globalSecurity: string;
}

/** Indexes a (repaired) document. */
export function buildSpecModel(doc: OpenApiDocument): SpecModel {
  const resolver = new RefResolver(doc);
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? Object.keys(components.schemas).sort() : [];
  const schemes = new Map<string, string>();
  if (isObject(components.securitySchemes)) {
    for (const name of Object.keys(components.securitySchemes).sort()) {
      const scheme = resolver.deref(components.securitySchemes[name]) ?? {};
      schemes.set(
        name,
        canonicalJson(pick(scheme, ["type", "scheme", "in", "name", "flows", "openIdConnectUrl"])),
      );
    }
  }
  return {
    doc,
    resolver,
    reach: new SchemaReach(doc),
    operations: readOperations(doc, resolver),
    schemaNames: schemas,
    servers: readServers(doc.servers),
    securitySchemes: schemes,
    globalSecurity: securityText(doc.security),
  };
}

/**
 * A security requirement list as sorted text: alternatives joined by ` or `, each the sorted
 * scheme names (with scopes) joined by ` + `; `none` when anonymous access is allowed,
 * `unspecified` when absent.
 */
export function securityText(security: unknown): string {
  if (!Array.isArray(security)) return "unspecified";
  if (security.length === 0) return "none";
  const alternatives = security.map((req) => {
    if (!isObject(req) || Object.keys(req).length === 0) return "none";
    return Object.keys(req)
      .sort()
      .map((name) => {
        const scopes = Array.isArray(req[name]) ? (req[name] as unknown[]).map(String).sort() : [];
        return scopes.length > 0 ? `${name}[${scopes.join(",")}]` : name;
      })
      .join(" + ");
  });
  return [...new Set(alternatives)].sort().join(" or ");
}

/** The requirement that applies to an operation: its own, else the document's. */
export function effectiveSecurity(
  op: OperationModel,
  spec: SpecModel,
): { text: string; own: boolean } {
  return "security" in op.raw
    ? { text: securityText(op.raw.security), own: true }
    : { text: spec.globalSecurity, own: false };
}

function readServers(servers: unknown): string[] {
  if (!Array.isArray(servers)) return [];
  const out: string[] = [];
  for (const server of servers) {
    if (!isObject(server) || typeof server.url !== "string") continue;
    const variables = isObject(server.variables) ? server.variables : {};
    out.push(
      server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const variable = variables[name];
        return isObject(variable) && variable.default !== undefined
          ? String(variable.default)
          : whole;
      }),
    );
  }
  return out;
}

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
