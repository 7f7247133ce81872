import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-base';

/**
 * The SDK's random ids, except that a root span started inside `withTraceId` gets the trace id given: the SDK takes
 * a root span's trace id from its IdGenerator, and an Inkstream trace id exists before its first span does (the
 * fetcher makes one per run and puts it in every message). startSpan asks for the id synchronously, so a seed set
 * around that one call cannot leak to another span.
 */
export class SeededIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private seed: string | null = null;

  withTraceId<T>(traceId: string | null, start: () => T): T {
    this.seed = traceId;
    try {
      return start();
    } finally {
      this.seed = null;
    }
  }

  generateTraceId(): string {
    const seed = this.seed;
    this.seed = null;
    return seed ?? this.random.generateTraceId();
  }

  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}
