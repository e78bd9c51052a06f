import { HttpError, invalidParameter, type RequestContext } from "./http.js";
import { resourceNotFound } from "./resource-errors.js";
import { newObjectId } from "./ids.js";
import type { Router } from "./router.js";
import type { AppState, EmulatorState } from "./state.js";

/** A Value: a named constant (or secret reference) of an app. */
export interface StoredValue {
  _id: string;
  name: string;
  private: boolean;
  from_secret: boolean;
  value: unknown;
}

// The docs' rule (define-a-value.txt, "Value Name Restrictions"; name-rules in spec/EVIDENCE.md).
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const BASE = "/groups/{groupId}/apps/{appId}/values";
const KEY = "values";

/** Registers real create/list/get/update/delete of Values (the deploy workflow edits one in a draft). */
export function registerValueRoutes(router: Router, state: EmulatorState): void {
  const add = (
    method: string,
    template: string,
    operation: string,
    handler: (ctx: RequestContext, app: AppState) => { status: number; body?: unknown },
  ) =>
    router.add({
      method,
      template: BASE + template,
      operation,
      options: { auth: "access" },
      handler: (ctx) => handler(ctx, state.requireApp(ctx.params.groupId!, ctx.params.appId!)),
    });

  add("GET", "", "adminListValues", (_ctx, app) => ({
    status: 200,
    body: values(app).map(({ _id, name, private: p }) => ({ _id, name, private: p })),
  }));
  add("POST", "", "adminCreateValue", (ctx, app) => {
    const body = object(ctx.json);
    // `{name}` alone is a value (the Stitch client's tests create one so against the real server:
    // stitch-js-sdk support/3.x test/admin/values.test.js); it is not private unless asked.
    const value: StoredValue = {
      _id: newObjectId(app.now()),
      name: name(body.name, app),
      private: boolean(body.private, "private", false) ?? false,
      from_secret: boolean(body.from_secret, "from_secret", false) ?? false,
      value: body.value,
    };
    app.store.put(KEY, value._id, { ...value });
    return { status: 201, body: value };
  });
  add("GET", "/{valueId}", "adminGetValue", (ctx, app) => ({
    status: 200,
    body: existing(ctx, app),
  }));
  add("PUT", "/{valueId}", "adminUpdateValue", (ctx, app) => {
    const current = existing(ctx, app);
    const body = object(ctx.json);
    const updated: StoredValue = {
      ...current,
      name: body.name === undefined ? current.name : name(body.name, app, current._id),
      private: boolean(body.private, "private", false) ?? current.private,
      from_secret: boolean(body.from_secret, "from_secret", false) ?? current.from_secret,
      value: "value" in body ? body.value : current.value,
    };
    app.store.put(KEY, current._id, { ...updated });
    return { status: 204 };
  });
  add("DELETE", "/{valueId}", "adminDeleteValue", (ctx, app) => {
    app.store.delete(KEY, existing(ctx, app)._id);
    return { status: 204 };
  });
}

function existing(ctx: RequestContext, app: AppState): StoredValue {
  const value = app.store.get(KEY, ctx.params.valueId!);
  if (!value) throw resourceNotFound(KEY, ctx.params.valueId!);
  return value as unknown as StoredValue;
}

/** The app's Values, oldest first. */
export function values(app: AppState): StoredValue[] {
  return app.store.list(KEY) as unknown as StoredValue[];
}

function object(json: unknown): Record<string, unknown> {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw invalidParameter("request body", "must be a JSON object");
  return json as Record<string, unknown>;
}

function name(value: unknown, app: AppState, self?: string): string {
  if (typeof value !== "string" || !NAME.test(value)) {
    throw invalidParameter(
      "body.name",
      "must start with a letter or digit and hold at most 64 ASCII letters, digits, '_' and '-'",
    );
  }
  for (const v of values(app)) {
    if (v.name === value && v._id !== self)
      throw new HttpError(409, `a value named '${value}' already exists`, "ValueAlreadyExists");
  }
  return value;
}

function boolean(value: unknown, field: string, required: true): boolean;
function boolean(value: unknown, field: string, required: false): boolean | undefined;
function boolean(value: unknown, field: string, required: boolean): boolean | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== "boolean")
    throw invalidParameter(`body.${field}`, value === undefined ? "required" : "must be a boolean");
  return value;
}
