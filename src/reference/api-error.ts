/** HTTP status of each error variant of the contract. */
export const VARIANT_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  unprocessable: 422,
  work_provider_not_found: 404,
  integration_not_found: 404,
  o_auth_not_supported_by_integration: 400,
  invalid_client_secret: 401,
  invalid_access_code: 400,
} as const;

/** Name of one error variant of the contract. */
export type Variant = keyof typeof VARIANT_STATUS;

/**
 * A contract error raised by a method handler; the server renders it in the method's error
 * style. `schemaInvalid` marks a request that breaks the method's request schema, as opposed to
 * a well-formed request naming a record that does not exist or cannot be used.
 */
export class ApiError extends Error {
  readonly variant: Variant;
  readonly schemaInvalid: boolean;

  constructor(variant: Variant, detail: string, options: { schemaInvalid?: boolean } = {}) {
    // An ApiError becomes a contract error response, never a bug report, and the target raises
    // one for every rejected request, so capturing a stack trace would be most of its cost.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`${variant}: ${detail}`);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'ApiError';
    this.variant = variant;
    this.schemaInvalid = options.schemaInvalid ?? false;
  }
}

/** Raises the error a method returns for a schema-invalid request. */
export function invalidRequest(variant: Variant, detail: string): never {
  throw new ApiError(variant, detail, { schemaInvalid: true });
}
