import type { SourceRecord } from '@inkstream/persistence';
import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { Scheduler } from './scheduler';

/** Ops endpoints: sources with their live status, and "fetch this one now" (also unparks it). */
@Controller('sources')
export class FetcherController {
  constructor(@Inject(Scheduler) private readonly scheduler: Scheduler) {}

  @Get()
  async list(): Promise<SourceRecord[]> {
    return this.scheduler.sources.list();
  }

  @Get(':id')
  async show(@Param('id') id: string): Promise<SourceRecord> {
    const source = await this.scheduler.sources.get(id);
    if (!source) throw new NotFoundException(`no source ${id}`);
    return source;
  }

  @Post(':id/fetch-now')
  @HttpCode(202)
  async fetchNow(@Param('id') id: string): Promise<SourceRecord> {
    const source = await this.scheduler.sources.fetchNow(id, new Date());
    if (!source) throw new NotFoundException(`no source ${id}`);
    this.scheduler.poke();
    return source;
  }
}
