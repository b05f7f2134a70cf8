/** An error the API answers with its own status and code, as `{error: {code, message}}`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad-request', message);
export const unauthorized = () => new ApiError(401, 'unauthorized', 'a valid x-api-key header is required');
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not-found', message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
