import { DependencyUnavailableError } from '@inkstream/errors';
import type { ArgumentsHost } from '@nestjs/common';
import { DependencyUnavailableFilter } from './dependency-unavailable.filter';

function hostRecording(sent: { status?: number; body?: unknown }): ArgumentsHost {
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
  };
  return { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
}

describe('DependencyUnavailableFilter', () => {
  it('answers 503 with the reason, in the shape of the other refusals', () => {
    const sent: { status?: number; body?: unknown } = {};
    new DependencyUnavailableFilter().catch(
      new DependencyUnavailableError('Kafka is not reachable'),
      hostRecording(sent),
    );
    expect(sent).toEqual({
      status: 503,
      body: { statusCode: 503, message: 'Kafka is not reachable', error: 'Service Unavailable' },
    });
  });
});
