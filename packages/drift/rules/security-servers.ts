import { effectiveSecurity } from "../model/spec-model.js";
import type { Finding } from "../types.js";
import { q, rule, type DriftContext, type Rule } from "./rule.js";

/** Operations whose own or inherited security requirement changed, with how. */
function securityChanges(ctx: DriftContext, kind: "added" | "removed" | "changed"): Finding[] {
  return ctx.facts.flatMap((f) => {
    const before = effectiveSecurity(f.pair.old, ctx.old);
    const after = effectiveSecurity(f.pair.new, ctx.new);
    // Inherited on both sides: reported once, by global-security-changed.
    if (!before.own && !after.own) return [];
    if (before.text === after.text) return [];
    const anonymous = (t: string) =>
      t === "none" || t === "unspecified" || t.split(" or ").includes("none");
    const how =
      anonymous(before.text) && !anonymous(after.text)
        ? "added"
        : !anonymous(before.text) && anonymous(after.text)
          ? "removed"
          : "changed";
    if (how !== kind) return [];
    return [
      {
        operation: f.ref,
        location: "security",
        detail: `security ${before.text} -> ${after.text}`,
      },
    ];
  });
}

function serverChanges(ctx: DriftContext): { removed: string[]; added: string[] } {
  const before = ctx.old.servers;
  const after = ctx.new.servers;
  return {
    removed: before.filter((s) => !after.includes(s)),
    added: after.filter((s) => !before.includes(s)),
  };
}

/** Authentication requirements and schemes, and the servers (base URLs) clients default to. */
export const securityServerRules: readonly Rule[] = [
  rule(
    "operation-security-added",
    "potentially-breaking",
    "An operation that allowed anonymous calls now requires credentials.",
    (ctx) => securityChanges(ctx, "added"),
  ),
  rule(
    "operation-security-removed",
    "non-breaking",
    "An operation no longer requires credentials.",
    (ctx) => securityChanges(ctx, "removed"),
  ),
  rule(
    "operation-security-changed",
    "potentially-breaking",
    "An operation requires other credentials (another scheme or scopes).",
    (ctx) => securityChanges(ctx, "changed"),
  ),
  rule(
    "global-security-changed",
    "potentially-breaking",
    "The document-wide security requirement changed (applies to every operation without its own).",
    (ctx) =>
      ctx.old.globalSecurity === ctx.new.globalSecurity
        ? []
        : [
            {
              location: "security",
              detail: `security ${ctx.old.globalSecurity} -> ${ctx.new.globalSecurity}`,
            },
          ],
  ),
  rule(
    "security-scheme-removed",
    "breaking",
    "A security scheme is gone: credentials of that kind no longer work.",
    (ctx) =>
      [...ctx.old.securitySchemes.keys()]
        .filter((s) => !ctx.new.securitySchemes.has(s))
        .map((s) => ({ location: "securitySchemes", detail: `security scheme ${q(s)} removed` })),
  ),
  rule("security-scheme-added", "non-breaking", "A new security scheme.", (ctx) =>
    [...ctx.new.securitySchemes.keys()]
      .filter((s) => !ctx.old.securitySchemes.has(s))
      .map((s) => ({ location: "securitySchemes", detail: `security scheme ${q(s)} added` })),
  ),
  rule(
    "security-scheme-changed",
    "breaking",
    "A security scheme changed how credentials are sent (type, scheme, header name…).",
    (ctx) =>
      [...ctx.old.securitySchemes]
        .filter(
          ([s, text]) => ctx.new.securitySchemes.has(s) && ctx.new.securitySchemes.get(s) !== text,
        )
        .map(([s, text]) => ({
          location: "securitySchemes",
          detail: `security scheme ${q(s)} changed: ${text} -> ${ctx.new.securitySchemes.get(s)!}`,
        })),
  ),
  rule(
    "server-url-changed",
    "potentially-breaking",
    "The server URL changed: the client's default base URL follows; code pinned to the old URL may stop working.",
    (ctx) => {
      const { removed, added } = serverChanges(ctx);
      return removed.length === 1 && added.length === 1
        ? [{ location: "servers", detail: `server ${q(removed[0]!)} -> ${q(added[0]!)}` }]
        : [];
    },
  ),
  rule("server-removed", "potentially-breaking", "A server URL is no longer listed.", (ctx) => {
    const { removed, added } = serverChanges(ctx);
    if (removed.length === 1 && added.length === 1) return [];
    return removed.map((s) => ({ location: "servers", detail: `server ${q(s)} removed` }));
  }),
  rule("server-added", "non-breaking", "Another server URL is listed.", (ctx) => {
    const { removed, added } = serverChanges(ctx);
    if (removed.length === 1 && added.length === 1) return [];
    return added.map((s) => ({ location: "servers", detail: `server ${q(s)} added` }));
  }),
];
