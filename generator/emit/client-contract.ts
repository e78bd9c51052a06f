/**
 * The fixed part of `generated/client.ts`: the types the hand-written runtime codes against
 * (docs/ARCHITECTURE.md, "Generated output"). They do not depend on the spec, so they are text.
 */
export const CLIENT_CONTRACT = `
/** Static facts about one operation, for the runtime (errors, retries, logging) and the emulator. */
export interface OperationInfo {
  /** The upstream operationId. */
  operationId: string;
  /** The namespace (camelCase of the spec tag). */
  namespace: string;
  /** The method name in the namespace. */
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";
  /** The path template, e.g. "/groups/{groupId}/apps". */
  path: string;
  pathParams: readonly string[];
  queryParams: readonly string[];
  /** The request body's media type, when the operation takes a body. */
  requestMediaType?: string;
  /**
   * When the caller may pick the response media type (call option \`accept\`): each one the
   * operation offers, the default first, with how its body is parsed.
   */
  accepts?: Readonly<Record<string, "json" | "text" | "blob">>;
}

/** The shape of any openapi-fetch result, which is what a generated operation returns. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Per-call options a user may pass as the second argument of a namespace method. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * What a generated operation forwards to openapi-fetch besides parameters and body: fetch options
 * (\`signal\`, ...), headers, serializers, \`parseAs\`, a per-call \`fetch\` or middleware.
 */
export type OperationInit = Omit<RequestInit, "body" | "headers" | "method"> & {
  baseUrl?: string;
  headers?: HeadersOptions;
  parseAs?: ParseAs;
  fetch?: (input: Request) => Promise<Response>;
  querySerializer?: QuerySerializerOptions;
  bodySerializer?: (body: unknown) => unknown;
  middleware?: Middleware[];
};

/** The call option of an operation that offers several response media types. */
export interface AcceptOption<A> {
  /**
   * The media type to ask for, sent as \`Accept\`: the result is parsed and typed accordingly
   * (JSON by default, \`Blob\` for bytes such as \`application/zip\`, \`string\` for text).
   */
  accept?: A;
}

/** Declared only: the keys of the type-level results of an \`Operation\`, never set at run time. */
declare const resultType: unique symbol;
declare const acceptType: unique symbol;

/**
 * One operation as a value (\`apps.ListApplications\` next to \`apps.listApplications\`): its facts
 * and the function that sends it. The namespaces bind these; the runtime's \`call\` takes one, so
 * that importing a single descriptor bundles a single operation.
 */
export interface Operation<P, R, A = unknown> extends OperationInfo {
  /** The generated function: sends through the openapi-fetch client it is given. */
  send(client: Client<paths>, params: P, init?: OperationInit): Promise<FetchResultLike>;
  /** Type-level only: what a successful call resolves to. */
  readonly [resultType]?: R;
  /** Type-level only: what it resolves to per media type asked for (\`accepts\`). */
  readonly [acceptType]?: A;
}

/**
 * Supplied by the runtime: sends the request (by calling \`send\`, possibly more than once) and turns
 * the result into \`T\` or a thrown error.
 */
export type Invoke = <T>(
  info: OperationInfo,
  params: Readonly<Record<string, unknown>>,
  send: (init?: OperationInit) => Promise<FetchResultLike>,
  options?: CallOptions,
) => Promise<T>;
`;
