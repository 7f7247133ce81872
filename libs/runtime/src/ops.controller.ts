import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SERVICE_RUNTIME, type ServiceRuntime } from './service-runtime';

/** `/health` (200 when every check is up, 503 otherwise, with each check's detail) and `/metrics` for Prometheus. */
@Controller()
export class OpsController {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  @Get('health')
  async health(@Res() response: Response): Promise<void> {
    const report = await this.runtime.health.report();
    response.status(report.status === 'up' ? 200 : 503).json(report);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() response: Response): Promise<void> {
    const registry = this.runtime.metrics.registry;
    response.setHeader('Content-Type', registry.contentType);
    response.send(await registry.metrics());
  }
}
