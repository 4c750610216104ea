import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { toHttpError } from './error-body';

interface ReplyLike {
  sent?: boolean;
  raw?: { headersSent?: boolean; writableEnded?: boolean };
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

/** The one global exception filter: every failure leaves as {code, message, details}. */
@Catch()
export class SmartsegExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const { status, body, headers } = toHttpError(exception);
    if (status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    // A streamed (hijacked) reply reports its own errors as SSE events.
    if (reply.sent || reply.raw?.headersSent || reply.raw?.writableEnded) return;
    for (const [k, v] of Object.entries(headers ?? {})) reply.header(k, v);
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.status(status).send(body);
  }
}
