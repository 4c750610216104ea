import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '../errors/error-code.enum';
import { SmartsegError } from '../errors/smartseg.error';
import { toHttpError, validationExceptionFactory } from './error-body';

describe('toHttpError', () => {
  it('keeps a SmartsegError code, status and details', () => {
    const r = toHttpError(new SmartsegError(ErrorCode.InvalidSegment, 'bad', [{ path: 'where', message: 'x' }]));
    expect(r).toEqual({
      status: 422,
      body: { code: 'INVALID_SEGMENT', message: 'bad', details: [{ path: 'where', message: 'x' }] },
    });
  });

  it('adds Retry-After for a rate limit', () => {
    expect(
      toHttpError(new SmartsegError(ErrorCode.RateLimited, 'slow down', { retryAfterSeconds: 12.2 })).headers,
    ).toEqual({ 'Retry-After': '13' });
  });

  it('maps Nest HttpExceptions by status', () => {
    expect(toHttpError(new NotFoundException()).body.code).toBe('NOT_FOUND');
    expect(toHttpError(new ForbiddenException('no')).body).toEqual({ code: 'FORBIDDEN', message: 'no' });
    expect(toHttpError(new BadRequestException(['a must be x', 'b must be y'])).body).toEqual({
      code: 'BAD_INPUT',
      message: 'a must be x; b must be y',
    });
    expect(
      toHttpError(new HttpException('Body is not valid JSON but content-type is set to application/json', 400)).body
        .code,
    ).toBe('INVALID_JSON');
    expect(toHttpError(new HttpException('Request body is too large', 413))).toMatchObject({
      status: 413,
      body: { code: 'BAD_INPUT' },
    });
  });

  it('hides anything unknown behind a generic 500', () => {
    const r = toHttpError(new Error('password=hunter2 at /srv/x.ts'));
    expect(r).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'An internal error occurred' } });
    expect(toHttpError('a string').status).toBe(500);
    expect(toHttpError(new HttpException('db down: secret', 500)).body.message).toBe('An internal error occurred');
  });

  it('turns class-validator errors into BAD_INPUT with one detail per field', () => {
    const e = validationExceptionFactory([
      { property: 'name', constraints: { isString: 'name must be a string' } },
      {
        property: 'settings',
        children: [
          {
            property: 'rateLimit',
            children: [{ property: 'perKey', constraints: { min: 'perKey must not be less than 1' } }],
          },
        ],
      },
    ]);
    expect(e.code).toBe(ErrorCode.BadInput);
    expect(e.details).toEqual([
      { path: 'name', message: 'name must be a string', code: 'isString' },
      { path: 'settings.rateLimit.perKey', message: 'perKey must not be less than 1', code: 'min' },
    ]);
  });
});
