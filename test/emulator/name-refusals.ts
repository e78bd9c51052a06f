// The emulator's refusals of names the documented rules forbid (name-rules in spec/EVIDENCE.md),
// as resource-names.test.ts (create routes) and structure-import-names.test.ts (import, push)
// expect them: one rule and one message whichever way a name arrives.

/** A value's or a secret's name: letters, digits, `_`, `-`, a letter or digit first. */
export const VALUE = "^[A-Za-z0-9][A-Za-z0-9_-]*$";
/** A service's, a trigger's or a service rule's name: letters, digits, `_`, `-`. */
export const NAME = "^[A-Za-z0-9_-]*$";

export const refused = (field: string, what: string) => ({
  status: 400,
  body: { error: `invalid ${field}: ${what}`, error_code: "InvalidParameter" },
});
export const pattern = (field: string, p: string) => refused(field, `must match pattern "${p}"`);
export const tooLong = (field: string, n: number) =>
  refused(field, `must NOT have more than ${n} characters`);
