import type { TopicName } from '@inkstream/contracts';
import type { PipelineMetrics } from '@inkstream/observability';
import type { ConsumerListener } from './consumer-events';

/**
 * The consumer's metrics, as a subscriber: counts handled, failed, retried and dead-lettered messages, times the
 * handler, and shows a topic as paused while it is held for an outage or paused for backpressure.
 */
export function consumerMetrics(metrics: PipelineMetrics, group: string): ConsumerListener {
  const pausedFromOutside = new Set<TopicName>();
  const setPaused = (topic: TopicName, paused: boolean) => metrics.paused.set({ topic, group }, paused ? 1 : 0);
  return (event) => {
    switch (event.type) {
      case 'processed': {
        const labels = { topic: event.message.topic, group };
        metrics.handlerSeconds.observe(labels, event.seconds);
        metrics.consumed.inc(labels);
        if (event.holds > 0) setPaused(event.message.topic, pausedFromOutside.has(event.message.topic));
        return;
      }
      case 'failed': {
        const labels = { topic: event.message.topic, group };
        metrics.handlerSeconds.observe(labels, event.seconds);
        metrics.failed.inc(labels);
        return;
      }
      case 'retried':
        metrics.retried.inc({ topic: event.message.topic, group });
        return;
      case 'held':
        setPaused(event.message.topic, true);
        return;
      case 'dead-lettered':
        metrics.deadLettered.inc({ topic: event.message.topic, group, kind: event.kind });
        return;
      case 'paused':
        for (const topic of event.topics) {
          pausedFromOutside.add(topic);
          setPaused(topic, true);
        }
        return;
      case 'resumed':
        for (const topic of event.topics) {
          pausedFromOutside.delete(topic);
          setPaused(topic, false);
        }
        return;
      default:
        return;
    }
  };
}
