import type { Repair } from "../repair.js";
import { allOfExcludesOwnEnum } from "./allof-excludes-own-enum.js";
import { anyJsonValues } from "./any-json-values.js";
import { cliFields } from "./cli-fields.js";
import { cliUndeclaredOperations } from "./cli-undeclared-operations.js";
import { constOutsideEnum } from "./const-outside-enum.js";
import { duplicateOperationIds } from "./duplicate-operation-ids.js";
import { enumNullInString } from "./enum-null-in-string.js";
import { exactlyOneOfParameters } from "./exactly-one-of-parameters.js";
import { exampleOnlyProperties } from "./example-only-properties.js";
import { getRequestBody } from "./get-request-body.js";
import { hoistNestedSchemas } from "./hoist-nested-schemas.js";
import { hostingUndeclaredOperations } from "./hosting-undeclared-operations.js";
import { hostingUploadMultipart } from "./hosting-upload-multipart.js";
import { hostingUploadPathOptional } from "./hosting-upload-path-optional.js";
import { invalidTypeValues } from "./invalid-type-values.js";
import { itemsTuple } from "./items-tuple.js";
import { itemsWithoutArrayType } from "./items-without-array-type.js";
import { listResponsesArray } from "./list-responses-array.js";
import { logsPaginationOptional } from "./logs-pagination-optional.js";
import { misspelledKeys } from "./misspelled-keys.js";
import { nameRules } from "./name-rules.js";
import { nestedArrayItems } from "./nested-array-items.js";
import { nullableIn31 } from "./nullable-in-31.js";
import { operationWithout2xx } from "./operation-without-2xx.js";
import { overRequiredProperties } from "./over-required-properties.js";
import { parameterDefault } from "./parameter-default.js";
import { pathParamsNotInTemplate } from "./path-params-not-in-template.js";
import { pathParamsUndeclared } from "./path-params-undeclared.js";
import { pathTemplateCasing } from "./path-template-casing.js";
import { pathTrailingSlash } from "./path-trailing-slash.js";
import { placeholderEnum } from "./placeholder-enum.js";
import { propertySchemaStrings } from "./property-schema-strings.js";
import { refSiblingsAllOf } from "./ref-siblings-allof.js";
import { refWrongKind } from "./ref-wrong-kind.js";
import { requestBodyMissing } from "./request-body-missing.js";
import { requiredBoolean } from "./required-boolean.js";
import { requiredString } from "./required-string.js";
import { requiredUndefined } from "./required-undefined.js";
import { responseContentMissing } from "./response-content-missing.js";
import { responseDescriptionMissing } from "./response-description-missing.js";
import { serverAssignedIds } from "./server-assigned-ids.js";
import { typeNullUnquoted } from "./type-null-unquoted.js";
import { undeclaredQueryParameters } from "./undeclared-query-parameters.js";
import { unresolvedRefs } from "./unresolved-refs.js";
import { untypedObjectResponses } from "./untyped-object-responses.js";
import { wrongScalarTypes } from "./wrong-scalar-types.js";

/**
 * Every repair, in the order they run. Order matters where one repair makes another's targets
 * visible or valid:
 * - structure first: namespaces hoisted, paths renamed or removed, keys and refs made sound, so
 *   that later repairs find operations by their real path and schemas by walking;
 * - then schema values (strings, tuples, types, null, nullable, `required` forms);
 * - the hosting upload before the `$ref`-siblings and `required` repairs, because it moves the
 *   `required` that sits next to a `$ref` on `meta`;
 * - array types before the list and response-content repairs, which read list item schemas;
 * - parameters last, once every path and operation is in place;
 * - then the semantic repairs (the ones with `facts`, catalogued in spec/EVIDENCE.md), on a spec
 *   that is structurally sound: what it says is corrected where the real API says otherwise.
 *   Two run earlier because their targets move later: wrong-scalar-types (before `$ref` siblings
 *   become `allOf`) and response-content-missing (before operation-without-2xx).
 */
export const repairs: readonly Repair[] = [
  hoistNestedSchemas,
  pathTemplateCasing,
  pathTrailingSlash,
  duplicateOperationIds,
  misspelledKeys,
  refWrongKind,
  unresolvedRefs,
  propertySchemaStrings,
  itemsTuple,
  invalidTypeValues,
  typeNullUnquoted,
  enumNullInString,
  nullableIn31,
  wrongScalarTypes,
  requiredString,
  requiredBoolean,
  hostingUploadMultipart,
  hostingUploadPathOptional,
  refSiblingsAllOf,
  requiredUndefined,
  itemsWithoutArrayType,
  listResponsesArray,
  logsPaginationOptional,
  hostingUndeclaredOperations,
  responseContentMissing,
  operationWithout2xx,
  responseDescriptionMissing,
  pathParamsNotInTemplate,
  pathParamsUndeclared,
  getRequestBody,
  parameterDefault,
  cliUndeclaredOperations,
  requestBodyMissing,
  exactlyOneOfParameters,
  undeclaredQueryParameters,
  anyJsonValues,
  cliFields,
  overRequiredProperties,
  placeholderEnum,
  allOfExcludesOwnEnum,
  constOutsideEnum,
  nestedArrayItems,
  untypedObjectResponses,
  exampleOnlyProperties,
  serverAssignedIds,
  nameRules,
];
