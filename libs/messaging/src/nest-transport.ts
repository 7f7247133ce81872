import { ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { TopicName } from '@inkstream/contracts';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';
import type { ConsumedMessage, HandlerContext, MessageHandler } from './consumed-message';
import { PipelineConsumer, type PipelineConsumerOptions } from './consumer';

/**
 * A Nest microservice transport over PipelineConsumer: `@EventPattern(Topics.x)` handlers feed the shared consume
 * loop, and a handler's thrown error decides retry, dead letter or waiting for a dependency. Nest 11's own Kafka
 * transport hands a handler's error to kafkajs, which retries the message and then restarts the consumer on it: no
 * dead-letter topic, so one poison message blocks its partition, and a permanent failure, a transient one and a
 * dependency outage are all treated alike.
 */
export class KafkaPipelineTransport extends Server implements CustomTransportStrategy {
  private consumer: PipelineConsumer | null = null;

  constructor(private readonly options: Omit<PipelineConsumerOptions, 'handlers'>) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    const handlers = new Map<TopicName, MessageHandler<TopicName>>();
    for (const [pattern, nestHandler] of this.getHandlers()) {
      handlers.set(pattern as TopicName, async (message: ConsumedMessage, context: HandlerContext) => {
        const result: unknown = await nestHandler(message, context);
        if (isObservable(result)) await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined });
      });
    }
    this.consumer = new PipelineConsumer({ ...this.options, handlers });
    this.consumer.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Idempotent: called from the shutdown sequence first, and again by Nest when it disposes microservices. */
  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  pipelineConsumer(): PipelineConsumer | null {
    return this.consumer;
  }

  on(): never {
    throw new Error('KafkaPipelineTransport has no Nest transport events; subscribe to pipelineConsumer().events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

/**
 * Nest replaces an event handler's exception with a generic `{ status: 'error' }` object, losing its class. This
 * filter rethrows the original error so the consume loop can tell a permanent failure from a transient one.
 */
@Catch()
export class RethrowRpcErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
