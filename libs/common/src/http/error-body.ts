import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from '../errors/error-code.enum';
import { SmartsegError, type ErrorBody, type ProblemDetail } from '../errors/smartseg.error';

/** The HTTP status and the one error body {code, message, details} for any thrown value. */
export interface HttpErrorResponse {
  status: number;
  body: ErrorBody;
  /** Extra response headers (Retry-After on 429). */
  headers?: Record<string, string>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadInput,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  422: ErrorCode.InvalidSegment,
  429: ErrorCode.RateLimited,
};

/** Fastify's own request errors (raised before a route runs), by their `code`. */
const FASTIFY_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: ErrorCode.InvalidJson,
    message: 'The request body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: ErrorCode.InvalidJson,
    message: 'The request body is empty but its content type is JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: ErrorCode.BadInput, message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: ErrorCode.BadInput,
    message: 'Unsupported content type; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: ErrorCode.BadInput,
    message: 'The Content-Length header does not match the body',
  },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: ErrorCode.BadInput, message: 'Invalid content type' },
};

function fastifyError(e: unknown): HttpErrorResponse | undefined {
  if (!(e instanceof Error)) return undefined;
  // Fastify's JSON parser reports a SyntaxError with statusCode 400.
  if (e instanceof SyntaxError && (e as { statusCode?: unknown }).statusCode === 400) {
    return { status: 400, body: { code: ErrorCode.InvalidJson, message: 'The request body is not valid JSON' } };
  }
  const code = (e as { code?: unknown }).code;
  const statusCode = (e as { statusCode?: unknown }).statusCode;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  const known = FASTIFY_ERRORS[code];
  if (known) return { status: known.status, body: { code: known.code, message: known.message } };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      status: statusCode,
      body: { code: CODE_BY_STATUS[statusCode] ?? ErrorCode.BadInput, message: 'The request could not be read' },
    };
  }
  return undefined;
}

function messageOf(response: unknown, fallback: string): string {
  if (typeof response === 'string') return response;
  if (response && typeof response === 'object') {
    const m = (response as { message?: unknown }).message;
    if (typeof m === 'string') return m;
    if (Array.isArray(m) && m.every((x) => typeof x === 'string')) return m.join('; ');
  }
  return fallback;
}

/**
 * Maps anything thrown to the product's error body. SmartsegError keeps its code and status;
 * Nest HttpExceptions map by status; Fastify parse errors by their code; everything else is a
 * 500 INTERNAL with a generic message (the cause is logged, never sent).
 */
export function toHttpError(exception: unknown): HttpErrorResponse {
  if (exception instanceof SmartsegError) {
    const res: HttpErrorResponse = { status: exception.httpStatus, body: exception.toBody() };
    const retry = (exception.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (exception.code === ErrorCode.RateLimited && typeof retry === 'number') {
      res.headers = { 'Retry-After': String(Math.max(1, Math.ceil(retry))) };
    }
    return res;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 503)
      return { status, body: { code: ErrorCode.Internal, message: 'The service is unavailable; retry later' } };
    if (status >= 500) return internal();
    const code = CODE_BY_STATUS[status] ?? ErrorCode.BadInput;
    const fallback = HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'request failed';
    const body: ErrorBody = { code, message: messageOf(exception.getResponse(), fallback) };
    // Nest re-throws Fastify's body-parser errors as HttpException(message, status): its JSON
    // errors are recognised by their message ("Body is not valid JSON ...", "Unexpected token").
    if (status === 400 && /\bJSON\b/.test(body.message) && /not valid|Unexpected|parse|empty/i.test(body.message)) {
      return { status, body: { code: ErrorCode.InvalidJson, message: 'The request body is not valid JSON' } };
    }
    if (status === 404 && body.message.startsWith('Cannot ')) body.message = 'No such route';
    return { status, body };
  }
  return fastifyError(exception) ?? internal();
}

function internal(): HttpErrorResponse {
  return { status: 500, body: { code: ErrorCode.Internal, message: 'An internal error occurred' } };
}

/** class-validator errors as details: one entry per field, the path dotted (`where.children.0.facet`). */
export interface FieldError {
  property: string;
  constraints?: Record<string, string>;
  children?: FieldError[];
}

export function fieldProblems(errors: readonly FieldError[], prefix = ''): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, message] of Object.entries(e.constraints ?? {})) out.push({ path, message, code });
    if (e.children?.length) out.push(...fieldProblems(e.children, path));
  }
  return out;
}

/** For `new ValidationPipe({exceptionFactory})`: 400 BAD_INPUT with details per field. */
export function validationExceptionFactory(errors: FieldError[]): SmartsegError {
  const details = fieldProblems(errors);
  const first = details[0];
  return new SmartsegError(
    ErrorCode.BadInput,
    first
      ? `Invalid request: ${first.path}: ${first.message}${details.length > 1 ? ` (+${details.length - 1} more)` : ''}`
      : 'Invalid request',
    details,
  );
}
