import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { NO_QUERY } from '../http/validation';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadGuard } from '../http/auth.guards';
import { ServiceProbe, type ServiceState } from './service-probe';
import { StatsService, type PipelineStats } from './stats.service';

@ApiTags('operations')
@ApiBearerAuth('read')
@UseGuards(ReadGuard)
@Controller('api')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly probe: ServiceProbe,
  ) {}

  @Get('stats')
  @ApiOperation({
    summary:
      'Pipeline statistics: per topic partitions and end offsets, per consumer group lag per partition, ' +
      'dead-letter counts, article counts. Answers within a few seconds even with Kafka or MongoDB down: a part ' +
      'that could not be read is named in `unreachable` with why, and its figures are left empty (null for articles)',
  })
  async snapshot(@Query(NO_QUERY) _query: Record<string, never>): Promise<PipelineStats> {
    return this.stats.snapshot();
  }

  @Get('services')
  @ApiOperation({ summary: "Each service's health and pipeline counters, scraped from GATEWAY_SERVICE_URLS" })
  async services(@Query(NO_QUERY) _query: Record<string, never>): Promise<{ services: ServiceState[] }> {
    return { services: await this.probe.probeAll() };
  }
}
