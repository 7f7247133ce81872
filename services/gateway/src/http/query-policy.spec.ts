import { ArticlesController } from '../articles/articles.controller';
import { DashboardController } from '../dashboard/dashboard.controller';
import { DeadLettersController } from '../dead-letters/dead-letters.controller';
import { SourcesController } from '../sources/sources.controller';
import { StatsController } from '../stats/stats.controller';
import { StreamController } from '../stream/stream.controller';
import { BadRequestException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { of } from 'rxjs';
import { declaresQuery, UnknownQueryInterceptor } from './query-policy';

function httpContext(controller: object, handler: string, query: Record<string, unknown>): ExecutionContext {
  const prototype = (controller as { prototype: Record<string, unknown> }).prototype;
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => prototype[handler],
    switchToHttp: () => ({ getRequest: () => ({ query }) }),
  } as unknown as ExecutionContext;
}

const next: CallHandler = { handle: () => of('answered') };

describe('declaresQuery', () => {
  it('tells handlers that read their query from those that take none', () => {
    expect(declaresQuery(ArticlesController, 'list')).toBe(true);
    expect(declaresQuery(StreamController, 'stream')).toBe(true);
    expect(declaresQuery(SourcesController, 'create')).toBe(false);
    expect(declaresQuery(DashboardController, 'page')).toBe(false);
  });
});

describe('UnknownQueryInterceptor', () => {
  const interceptor = new UnknownQueryInterceptor();

  it('refuses any query parameter on an endpoint that takes none, writes included, naming it', () => {
    expect(() => interceptor.intercept(httpContext(SourcesController, 'create', { x: '1' }), next)).toThrow(
      new BadRequestException('invalid query: unknown field(s): x'),
    );
    expect(() => interceptor.intercept(httpContext(DeadLettersController, 'replay', { all: 'true' }), next)).toThrow(
      /unknown field\(s\): all/,
    );
  });

  it('lets through a request without query, and leaves declared queries to their own schema', () => {
    expect(() => interceptor.intercept(httpContext(SourcesController, 'create', {}), next)).not.toThrow();
    expect(() => interceptor.intercept(httpContext(ArticlesController, 'list', { limit: '5' }), next)).not.toThrow();
    expect(() => interceptor.intercept(httpContext(StatsController, 'snapshot', {}), next)).not.toThrow();
  });
});
