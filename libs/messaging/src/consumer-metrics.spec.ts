import { Topics } from '@inkstream/contracts';
import { PipelineMetrics } from '@inkstream/observability';
import { consumerMetrics } from './consumer-metrics';

const message = { topic: Topics.enrichedArticles, partition: 0, offset: '1' };
const group = 'inkstream.store';

async function value(metrics: PipelineMetrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  const sample = metric?.values.find((entry) =>
    Object.entries(labels).every(([label, expected]) => entry.labels[label] === expected),
  );
  return sample?.value ?? 0;
}

describe('consumerMetrics: the metrics as a subscriber of the consumer events', () => {
  it('counts what the consume loop did, per topic, group and dead-letter kind', async () => {
    const metrics = new PipelineMetrics('test');
    const listen = consumerMetrics(metrics, group);
    const error = new Error('x');
    listen({ type: 'failed', message, seconds: 0.1, attempt: 1, failure: 'transient', error });
    listen({ type: 'retried', message, attempt: 1, delayMs: 10, error });
    listen({ type: 'processed', message, seconds: 0.2, attempt: 2, holds: 0 });
    listen({ type: 'dead-lettered', message, kind: 'permanent-error', attempts: 1, error, payloadDropped: false });
    const labels = { topic: Topics.enrichedArticles, group };
    expect(await value(metrics, 'inkstream_messages_failed_total', labels)).toBe(1);
    expect(await value(metrics, 'inkstream_messages_retried_total', labels)).toBe(1);
    expect(await value(metrics, 'inkstream_messages_consumed_total', labels)).toBe(1);
    expect(await value(metrics, 'inkstream_dead_letters_total', { ...labels, kind: 'permanent-error' })).toBe(1);
  });

  it('shows a topic paused while held for an outage, and again after, unless paused from outside', async () => {
    const metrics = new PipelineMetrics('test');
    const listen = consumerMetrics(metrics, group);
    const labels = { topic: Topics.enrichedArticles, group };
    listen({ type: 'held', message, holds: 1, delayMs: 10, error: new Error('down') });
    expect(await value(metrics, 'inkstream_consumer_paused', labels)).toBe(1);
    listen({ type: 'processed', message, seconds: 0.1, attempt: 1, holds: 1 });
    expect(await value(metrics, 'inkstream_consumer_paused', labels)).toBe(0);
    listen({ type: 'paused', topics: [Topics.enrichedArticles] });
    listen({ type: 'held', message, holds: 1, delayMs: 10, error: new Error('down') });
    listen({ type: 'processed', message, seconds: 0.1, attempt: 1, holds: 1 });
    expect(await value(metrics, 'inkstream_consumer_paused', labels)).toBe(1);
  });
});
