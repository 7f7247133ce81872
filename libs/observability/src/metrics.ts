import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The pipeline's metric names, shared by every service so one Grafana board and one dashboard read them all.
 * Labels: `topic` (logical topic name, without test prefixes), `group` (consumer group).
 */
export class PipelineMetrics {
  readonly registry: Registry;
  readonly produced: Counter<'topic'>;
  readonly consumed: Counter<'topic' | 'group'>;
  readonly failed: Counter<'topic' | 'group'>;
  readonly retried: Counter<'topic' | 'group'>;
  readonly deadLettered: Counter<'topic' | 'group' | 'kind'>;
  readonly handlerSeconds: Histogram<'topic' | 'group'>;
  readonly consumerLag: Gauge<'topic' | 'group' | 'partition'>;
  readonly paused: Gauge<'topic' | 'group'>;
  readonly dbCommands: Counter<'command' | 'collection'>;

  constructor(service: string) {
    this.registry = new Registry();
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'inkstream_' });
    const registers = [this.registry];
    this.produced = new Counter({
      name: 'inkstream_messages_produced_total',
      help: 'Messages acknowledged by Kafka, per topic',
      labelNames: ['topic'],
      registers,
    });
    this.consumed = new Counter({
      name: 'inkstream_messages_consumed_total',
      help: 'Messages handled successfully, per topic and consumer group',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.failed = new Counter({
      name: 'inkstream_messages_failed_total',
      help: 'Handler attempts that threw, per topic and consumer group',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.retried = new Counter({
      name: 'inkstream_messages_retried_total',
      help: 'Retries after a transient failure',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'inkstream_dead_letters_total',
      help: 'Messages sent to a dead-letter topic, per original topic, group and reason kind',
      labelNames: ['topic', 'group', 'kind'],
      registers,
    });
    this.handlerSeconds = new Histogram({
      name: 'inkstream_handler_duration_seconds',
      help: 'Time to handle one message including its output being acknowledged',
      labelNames: ['topic', 'group'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'inkstream_consumer_lag',
      help: 'Messages between the committed offset and the end of the partition',
      labelNames: ['topic', 'group', 'partition'],
      registers,
    });
    this.paused = new Gauge({
      name: 'inkstream_consumer_paused',
      help: '1 while a consumer is paused for backpressure',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.dbCommands = new Counter({
      name: 'inkstream_db_commands_total',
      help: 'Database round trips (MongoDB commands sent), per command and collection',
      labelNames: ['command', 'collection'],
      registers,
    });
  }
}
