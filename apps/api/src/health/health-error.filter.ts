import { Catch, ServiceUnavailableException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** Readiness failures keep terminus' body ({status, info, error, details}) with 503, as probes expect. */
@Catch(ServiceUnavailableException)
export class HealthErrorFilter implements ExceptionFilter {
  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<FastifyReply>().status(503).send(exception.getResponse());
  }
}
