import { DependencyUnavailableError } from '@inkstream/errors';
import { Catch, ServiceUnavailableException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/**
 * A dependency the gateway reads through being away (MongoDB, Kafka, an index being rebuilt) is not the client's
 * fault: any endpoint answers 503 with the reason, so the client may retry, instead of a bare 500.
 */
@Catch(DependencyUnavailableError)
export class DependencyUnavailableFilter implements ExceptionFilter<DependencyUnavailableError> {
  catch(error: DependencyUnavailableError, host: ArgumentsHost): void {
    const refusal = new ServiceUnavailableException(error.message);
    host.switchToHttp().getResponse<Response>().status(refusal.getStatus()).json(refusal.getResponse());
  }
}
