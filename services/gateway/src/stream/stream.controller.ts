import { articleMatchesFilter } from '@inkstream/persistence';
import type { CommonConfig } from '@inkstream/config';
import type { Logger } from '@inkstream/observability';
import { COMMON_CONFIG, KAFKA, LOGGER } from '@inkstream/runtime';
import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  Inject,
  Query,
  type OnModuleDestroy,
  Res,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Kafka } from 'kafkajs';
import { streamQuery, type StreamRequest } from '../articles/article-params';
import { ApiQueryParams, FILTER_PARAM_DOCS } from '../articles/openapi-params';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { ReadGuard } from '../http/auth.guards';
import { ZodPipe } from '../http/validation';
import { CleanArticleStream } from './clean-article-stream';
import { InvalidEventIdError, parseEventId, sseEvent, type OffsetVector } from './event-id';

@ApiTags('stream')
@ApiBearerAuth('read')
@UseGuards(ReadGuard)
@Controller('api')
export class StreamController implements OnModuleDestroy {
  /** How to end each open connection: a shutdown ends them first, or the HTTP server would wait for them forever. */
  private readonly open = new Set<() => void>();
  /** Consumers still leaving their group after their connection ended: shutdown waits for them too. */
  private readonly closing = new Set<Promise<void>>();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(COMMON_CONFIG) private readonly common: CommonConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Server-Sent Events: clean articles as they are published, resumable with Last-Event-ID',
    description:
      'Each `article` event carries a clean article; its id is the per-partition next-offset vector of news.clean.v1 ' +
      '(`0:16,1:22`). Reconnect with that id as Last-Event-ID to continue with no gap and no repeat. A comment line ' +
      'is sent every 15 s as a heartbeat.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'id of the last event received' })
  @ApiQueryParams([...FILTER_PARAM_DOCS, { name: 'lastEventId', description: 'same as the Last-Event-ID header' }])
  async stream(
    @Query(new ZodPipe(streamQuery, 'query')) request: StreamRequest,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const resumeFrom = this.resumePoint(lastEventIdHeader ?? request.lastEventId);
    if (this.open.size >= this.config.GATEWAY_STREAM_MAX_CLIENTS) {
      throw new ServiceUnavailableException(
        `too many live-stream clients (GATEWAY_STREAM_MAX_CLIENTS=${this.config.GATEWAY_STREAM_MAX_CLIENTS})`,
      );
    }
    // Plain listeners, not events.once: that one rejects on 'error', which would surface as an unhandled rejection.
    const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.open.delete(end);
      clearInterval(heartbeat);
      const closing = stream.close().finally(() => this.closing.delete(closing));
      this.closing.add(closing);
      response.end();
    };
    const write = async (chunk: string) => {
      // Backpressure: wait for the socket to drain, or for the client to go away, never buffer without bound.
      if (!response.write(chunk)) {
        await Promise.race([new Promise<void>((resolve) => response.once('drain', () => resolve())), closed]);
      }
    };
    const stream = new CleanArticleStream({
      kafka: this.kafka,
      topicPrefix: this.common.KAFKA_TOPIC_PREFIX,
      resumeFrom,
      logger: this.logger,
      accept: (article) => articleMatchesFilter(article, request.filter),
      deliver: ({ article, eventId }) => write(sseEvent('article', eventId, JSON.stringify(article))),
      onFailure: (error) => {
        // The client reconnects with its Last-Event-ID and loses nothing.
        this.logger.warn({ err: error.message }, 'live stream consumer failed; closing the connection');
        end();
      },
    });
    const heartbeat = setInterval(() => void write(': heartbeat\n\n'), this.config.GATEWAY_STREAM_HEARTBEAT_MS);
    heartbeat.unref();
    this.open.add(end);
    void closed.then(end);

    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    try {
      await stream.start();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'live stream could not start');
      end();
      return;
    }
    // From here on every new message is delivered: tell the client (and tests) the stream is live.
    if (!ended) await write('retry: 2000\n: live\n\n');
  }

  async onModuleDestroy(): Promise<void> {
    for (const end of [...this.open]) end();
    await Promise.all([...this.closing]);
  }

  private resumePoint(lastEventId: string | undefined): OffsetVector | null {
    if (lastEventId === undefined || lastEventId.trim() === '') return null;
    try {
      return parseEventId(lastEventId);
    } catch (error) {
      if (error instanceof InvalidEventIdError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
