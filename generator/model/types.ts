import type { JsonObject } from "../../spec/json.js";
import type { SchemaView } from "./read-write.js";

/** How a body is put on the wire or read from it; decides serializer, `parseAs` and TS type. */
export type { MediaKind } from "../runtime/contract.js";
import type { MediaKind } from "../runtime/contract.js";

/** A path or query parameter, with references resolved. */
export interface ParameterModel {
  name: string;
  in: "path" | "query";
  required: boolean;
  deprecated: boolean;
  description?: string;
  /** The parameter's schema as written (OpenAPI dialect of the document). */
  schema: JsonObject;
  style?: string;
  explode?: boolean;
  pointer: string;
  /** The key in `components/parameters` when the spec references the parameter from there. */
  component?: string;
  /**
   * The type of `parameters.ts` that declares it once for every operation (see
   * shared-parameters.ts); absent when the operation's params type declares it itself.
   */
  shared?: string;
}

/** The request body in the media type the generated function sends. */
export interface BodyModel {
  mediaType: string;
  kind: MediaKind;
  required: boolean;
  description?: string;
  schema?: JsonObject;
  /** The schema's type carries `readOnly`/`writeOnly` markers, so it is seen through `Writable`. */
  marked: boolean;
  pointer: string;
}

/** One media type a response offers. */
export interface MediaModel {
  mediaType: string;
  kind: MediaKind;
  /** The schema's type carries `readOnly`/`writeOnly` markers (see ResponseModel.marked). */
  marked: boolean;
}

/** One response (any status), with references resolved and its preferred media type. */
export interface ResponseModel {
  status: string;
  description?: string;
  /** Absent when the response declares no content. */
  mediaType?: string;
  kind?: MediaKind;
  schema?: JsonObject;
  /** The schema's type carries `readOnly`/`writeOnly` markers, so it is seen through `Readable`. */
  marked: boolean;
  example?: unknown;
  /** Every media type of `content`, in the spec's order (empty without content). */
  media: MediaModel[];
  pointer: string;
}

/** One operation, everything the emitters need, in plain data. */
export interface OperationModel {
  operationId: string;
  tag: string;
  namespace: string;
  /** Published method name (corrected where upstream is wrong). */
  name: string;
  /** The upstream-derived name kept as a deprecated alias, when `name` was corrected. */
  deprecatedAlias?: string;
  aliasReason?: string;
  /** PascalCase of `name`, the stem of the `XParams` / `XResult` type names. */
  typeStem: string;
  method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH";
  path: string;
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Path parameters in template order, then query parameters by name. */
  parameters: ParameterModel[];
  /** Groups of optional query parameters of which exactly one must be given (`x-exactly-one-of`). */
  exactlyOneOf?: string[][];
  body?: BodyModel;
  /** True when no parameter and no body is required, so callers may omit the params object. */
  paramsOptional: boolean;
  /** Every response by status, sorted. */
  responses: ResponseModel[];
  /** The 2xx responses, which make up the result type. */
  success: ResponseModel[];
  /**
   * When the 2xx responses offer several media types, each of them (the default, which the
   * result type describes, first): the caller picks one per call, sent as `Accept`.
   */
  accepts?: MediaModel[];
}

/** A component schema and the model type exported for it. */
export interface SchemaModel {
  name: string;
  typeName: string;
  description?: string;
  deprecated: boolean;
  /** The schema's type carries `readOnly`/`writeOnly` markers, so the model is its `Readable` view. */
  marked: boolean;
  pointer: string;
}

/** A component parameter that operations use, declared once as a type of `parameters.ts`. */
export interface SharedParameterModel {
  /** The type's name: the component's model name and `Param` (`GroupId` -> `GroupIdParam`). */
  typeName: string;
  /** Its key in `components/parameters`. */
  component: string;
  parameter: ParameterModel;
}

/** The whole API as the generator sees it: sorted, resolved, collision-checked. */
export interface ApiModel {
  specSha256: string;
  openapi: string;
  title?: string;
  version?: string;
  /** Sorted by namespace, then method name. */
  operations: OperationModel[];
  /** Sorted by name. */
  schemas: SchemaModel[];
  /** The component parameters the operations' params types join, by type name. */
  sharedParameters: SharedParameterModel[];
  /** Each namespace with the tag it came from and the tag's description, sorted by namespace. */
  namespaces: { namespace: string; tag: string; description?: string }[];
  /**
   * Component schemas whose request (`write`) or response (`read`) JSON Schema differs from the
   * schema as written, because a `required` property is `readOnly` or `writeOnly`; sorted.
   */
  views: Record<SchemaView, string[]>;
}
