import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from './logger';

/**
 * An exporter that says when export starts failing and when it works again (once each, not per batch): the SDK
 * drops spans it cannot send without a word, and a collector that is down should show up in the service's log.
 */
export class WatchedExporter implements SpanExporter {
  private failing = false;

  constructor(
    private readonly inner: SpanExporter,
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      const failed = result.code !== ExportResultCode.SUCCESS;
      if (failed && !this.failing) {
        this.logger.warn({ otlpTraces: this.url, err: result.error?.message }, 'cannot export spans; dropping them');
      } else if (!failed && this.failing) {
        this.logger.info({ otlpTraces: this.url }, 'exporting spans again');
      }
      this.failing = failed;
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
