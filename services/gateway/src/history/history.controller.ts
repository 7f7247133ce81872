import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadGuard } from '../http/auth.guards';
import { NO_QUERY } from '../http/validation';
import { HistorySampler } from './history-sampler';
import type { HistoryView } from './metric-history';

@ApiTags('operations')
@ApiBearerAuth('read')
@UseGuards(ReadGuard)
@Controller('api')
export class HistoryController {
  constructor(private readonly sampler: HistorySampler) {}

  @Get('history')
  @ApiOperation({
    summary: 'Topic end offsets, consumer lag and service counters over the last hour, sampled by the gateway',
    description:
      'By column: `times` (ms since epoch), and per series (`topic-end <topic>`, `lag <group> <topic>`, ' +
      '`consumed|produced|failed <service>`) one value per time, null where it could not be read. Rates are the ' +
      'differences between successive counter values.',
  })
  history(@Query(NO_QUERY) _query: Record<string, never>): HistoryView {
    return this.sampler.view();
  }
}
