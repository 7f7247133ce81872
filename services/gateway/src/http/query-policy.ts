import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { NO_QUERY } from './validation';

/** Whether a handler reads its query string (a `@Query(…)` parameter, which then validates it with its schema). */
export function declaresQuery(controller: object, handler: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
}

/**
 * Every endpoint refuses query parameters it does not take, writes included (`POST /api/sources?x=1` is a 400 naming
 * `x`, as on reads), without each handler having to remember: an endpoint that declares no `@Query` takes none, and
 * one that does validates its own against a strict schema. Runs after the guards, so an unauthenticated caller
 * still gets 401, not a hint about parameters.
 */
@Injectable()
export class UnknownQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !declaresQuery(context.getClass(), context.getHandler().name)) {
      NO_QUERY.transform(context.switchToHttp().getRequest<Request>().query);
    }
    return next.handle();
  }
}
