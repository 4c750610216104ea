import { CLIENT_ERROR_CODES, ErrorCode, HTTP_STATUS_BY_CODE } from './error-code.enum';

/** One problem found in an input, with where it is (a path such as `where.children[1].facet`). */
export interface ProblemDetail {
  path: string;
  message: string;
  code?: string;
}

/** The stable error body every surface reports: {code, message, details}. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ProblemDetail[] | Record<string, unknown>;
}

/**
 * The one exception base of the product. `message` is written for a person to act on;
 * `details` carries the paths of the problems found.
 */
export class SmartsegError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ProblemDetail[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SmartsegError';
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  get isClientError(): boolean {
    return CLIENT_ERROR_CODES.has(this.code);
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  /** One line naming the problem and its path: what the CLI prints before exiting 2. */
  toLine(): string {
    if (Array.isArray(this.details) && this.details.length > 0) {
      const first = this.details[0]!;
      const more = this.details.length > 1 ? ` (+${this.details.length - 1} more)` : '';
      return `${this.code}: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
    }
    return `${this.code}: ${this.message}`;
  }
}
