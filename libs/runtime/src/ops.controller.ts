import { HealthRegistry, PipelineMetrics } from '@inkstream/observability';
import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';

/** `/health` (200 when every check is up, 503 otherwise, with each check's detail) and `/metrics` for Prometheus. */
@Controller()
export class OpsController {
  constructor(
    private readonly checks: HealthRegistry,
    private readonly pipelineMetrics: PipelineMetrics,
  ) {}

  @Get('health')
  async health(@Res() response: Response): Promise<void> {
    const report = await this.checks.report();
    response.status(report.status === 'up' ? 200 : 503).json(report);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() response: Response): Promise<void> {
    const registry = this.pipelineMetrics.registry;
    response.setHeader('Content-Type', registry.contentType);
    response.send(await registry.metrics());
  }
}
