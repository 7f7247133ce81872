import type { Logger } from '@inkstream/observability';
import { LOGGER, PeriodicTask } from '@inkstream/runtime';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { ServiceProbe } from '../stats/service-probe';
import { StatsService } from '../stats/stats.service';
import { MetricHistory, sampleValues, type HistoryView } from './metric-history';

/**
 * Samples offsets, lag and service counters every GATEWAY_HISTORY_SAMPLE_MS into a bounded ring covering at least
 * the last hour, so the dashboard's charts survive a reload and every browser sees the same history. Each gateway
 * replica keeps its own (identical in shape, sampled independently); it starts empty when the gateway restarts.
 */
@Injectable()
export class HistorySampler implements OnModuleInit, OnModuleDestroy {
  private readonly history: MetricHistory;
  // A sample that is still being read when the next is due is not doubled: the slow one is simply late.
  private readonly task: PeriodicTask;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly stats: StatsService,
    private readonly probe: ServiceProbe,
  ) {
    this.history = new MetricHistory(config.GATEWAY_HISTORY_SAMPLE_MS);
    this.task = new PeriodicTask(
      () => this.sample(),
      this.history.intervalMs,
      (error) => this.logger.warn({ err: error.message }, 'history sample failed'),
    );
  }

  onModuleInit(): void {
    void this.task.run();
    this.task.start();
  }

  // Shutdown does not wait for a sample in flight: one stuck on an unreachable broker would hold the gateway up.
  onModuleDestroy(): void {
    void this.task.stop();
  }

  view(): HistoryView {
    return this.history.view();
  }

  private async sample(): Promise<void> {
    const [snapshot, services] = await Promise.all([this.stats.snapshot(), this.probe.probeAll()]);
    this.history.record({
      t: Date.parse(snapshot.generatedAt),
      values: sampleValues({ topics: snapshot.topics, groups: snapshot.groups, services }),
    });
  }
}
