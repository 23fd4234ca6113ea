/**
 * An error answered in the API's format, `{"error": id, "message": text, "status": code}`
 * (REFERENCE §1.7). Messages name the field or object and say what to do.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(status: number, error: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
  }

  toBody(): { error: string; message: string; status: number } {
    return { error: this.error, message: this.message, status: this.status };
  }
}

/** A parameter has the wrong type or format (not a number, not a boolean, unknown value). */
export function invalidParameter(message: string): ApiError {
  return new ApiError(400, 'invalid_parameter', message);
}

/** A create or update is refused: a required field is missing, or a value is not acceptable. */
export function validationError(message: string): ApiError {
  return new ApiError(422, 'validation_error', message);
}

/** Unknown id, or an object in a source the caller cannot read: both look the same from outside. */
export function notFound(kind: string, id: string): ApiError {
  return new ApiError(
    404,
    'not_found',
    `No ${kind} with id "${id}", or your user cannot read the source it belongs to.`,
  );
}

/** The caller's role lacks a permission. */
export function forbidden(permission: string, action: string): ApiError {
  return new ApiError(
    403,
    'forbidden',
    `Your user may not ${action}: its role lacks the "${permission}" permission. Use a token of a user that has it.`,
  );
}
