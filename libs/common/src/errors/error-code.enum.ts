/** Every failure the product reports has one of these codes; HTTP status and CLI exit code follow from it. */
export enum ErrorCode {
  BadInput = 'BAD_INPUT',
  InvalidJson = 'INVALID_JSON',
  InvalidSegment = 'INVALID_SEGMENT',
  UnknownFacet = 'UNKNOWN_FACET',
  PiiNotPermitted = 'PII_NOT_PERMITTED',
  NotFound = 'NOT_FOUND',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  RateLimited = 'RATE_LIMITED',
  Conflict = 'CONFLICT',
  WarehouseMissing = 'WAREHOUSE_MISSING',
  WarehouseError = 'WAREHOUSE_ERROR',
  ConfigInvalid = 'CONFIG_INVALID',
  Internal = 'INTERNAL',
}

/** Codes that mean "the caller's input is wrong" (HTTP 4xx, CLI exit 2). */
export const CLIENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.BadInput,
  ErrorCode.InvalidJson,
  ErrorCode.InvalidSegment,
  ErrorCode.UnknownFacet,
  ErrorCode.PiiNotPermitted,
  ErrorCode.NotFound,
  ErrorCode.Unauthorized,
  ErrorCode.Forbidden,
  ErrorCode.RateLimited,
  ErrorCode.Conflict,
  ErrorCode.WarehouseMissing,
]);

export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.BadInput]: 400,
  [ErrorCode.InvalidJson]: 400,
  [ErrorCode.InvalidSegment]: 422,
  [ErrorCode.UnknownFacet]: 422,
  [ErrorCode.PiiNotPermitted]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.WarehouseMissing]: 409,
  [ErrorCode.WarehouseError]: 502,
  [ErrorCode.ConfigInvalid]: 500,
  [ErrorCode.Internal]: 500,
};
