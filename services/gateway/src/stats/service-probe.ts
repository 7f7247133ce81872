import { HealthRegistry, PipelineMetrics, type HealthReport } from '@inkstream/observability';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { parsePrometheusText, serviceFigures, type ServiceFigures } from './prometheus-text';

export interface ServiceState {
  name: string;
  url: string;
  /** up: /health said so; down: it said otherwise; unreachable: no answer at all. */
  status: 'up' | 'down' | 'unreachable';
  health: HealthReport | null;
  figures: ServiceFigures | null;
  error: string | null;
  checkedAt: string;
}

/** Scrapes the other services' /health and /metrics for the dashboard (Prometheus does the same for Grafana). */
@Injectable()
export class ServiceProbe {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: PipelineMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async probeAll(): Promise<ServiceState[]> {
    // The gateway reports itself first; a service list naming it too (`npm start` passes all six) must not make
    // it appear twice.
    const self = this.health.service;
    const others = await Promise.all(
      this.config.GATEWAY_SERVICE_URLS.filter((service) => service.name !== self).map((service) => this.probe(service)),
    );
    return [await this.self(), ...others];
  }

  private async self(): Promise<ServiceState> {
    const health = await this.health.report();
    const samples = parsePrometheusText(await this.metrics.registry.metrics());
    return {
      name: health.service,
      url: '',
      status: health.status,
      health,
      figures: serviceFigures(samples),
      error: null,
      checkedAt: new Date().toISOString(),
    };
  }

  private async probe(service: { name: string; url: string }): Promise<ServiceState> {
    const checkedAt = new Date().toISOString();
    const timeout = this.config.GATEWAY_SCRAPE_TIMEOUT_MS;
    try {
      const [healthResponse, metricsResponse] = await Promise.all([
        fetch(`${service.url}/health`, { signal: AbortSignal.timeout(timeout) }),
        fetch(`${service.url}/metrics`, { signal: AbortSignal.timeout(timeout) }),
      ]);
      const health = (await healthResponse.json().catch(() => null)) as HealthReport | null;
      const figures = metricsResponse.ok ? serviceFigures(parsePrometheusText(await metricsResponse.text())) : null;
      return {
        ...service,
        status: healthResponse.ok && health?.status === 'up' ? 'up' : 'down',
        health,
        figures,
        error: healthResponse.ok ? null : `/health answered ${healthResponse.status}`,
        checkedAt,
      };
    } catch (error) {
      // fetch wraps the socket error: its cause says what happened (ECONNREFUSED, a timeout…).
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message;
      return {
        ...service,
        status: 'unreachable',
        health: null,
        figures: null,
        error: reason ?? (error as Error).message,
        checkedAt,
      };
    }
  }
}
