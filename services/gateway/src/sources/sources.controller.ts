import { SourceExistsError, SourceRepository, type NewSource } from '@inkstream/persistence';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodError } from 'zod';
import { idParam } from '../articles/article-params';
import { AdminGuard, ReadGuard } from '../http/auth.guards';
import { describeIssues, NO_QUERY, ZodPipe } from '../http/validation';
import {
  createSourceBody,
  sourceListQuery,
  sourceView,
  updateSourceBody,
  type CreateSourceBody,
  type SourceView,
} from './source-params';

const SOURCE_BODY_DOC = {
  schema: {
    type: 'object',
    required: ['kind', 'url', 'name'],
    properties: {
      kind: { type: 'string', enum: ['feed', 'page', 'sitemap', 'drop'] },
      url: { type: 'string', example: 'https://www.arabnews.com/rss.xml' },
      name: { type: 'string', example: 'Arab News' },
      pollIntervalSeconds: { type: 'integer', nullable: true },
      enabled: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      fullText: { type: 'boolean' },
      allowListed: { type: 'boolean' },
      sites: { type: 'array', items: { type: 'string' }, example: ['arabnews.com'] },
    },
  },
};

@ApiTags('sources')
@Controller('api/sources')
export class SourcesController {
  constructor(private readonly sources: SourceRepository) {}

  @Get()
  @UseGuards(ReadGuard)
  @ApiBearerAuth('read')
  @ApiOperation({ summary: 'Sources with their status (last fetch, errors, parked)' })
  async list(@Query(new ZodPipe(sourceListQuery, 'query')) query: { tag?: string; kind?: string }) {
    return { sources: (await this.sources.list(query)).map(sourceView) };
  }

  @Get(':id')
  @UseGuards(ReadGuard)
  @ApiBearerAuth('read')
  async get(
    @Param('id', new ZodPipe(idParam, 'path')) id: string,
    @Query(NO_QUERY) _query: Record<string, never>,
  ): Promise<SourceView> {
    return sourceView(await this.found(this.sources.get(id), id));
  }

  @Post()
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiBody(SOURCE_BODY_DOC)
  @ApiOperation({ summary: 'Add a source; its id derives from the URL, so the same URL twice is a 409' })
  async create(@Body(new ZodPipe(createSourceBody, 'body')) body: CreateSourceBody): Promise<SourceView> {
    try {
      return sourceView(await this.sources.add(body as NewSource, new Date()));
    } catch (error) {
      if (error instanceof ZodError) throw new BadRequestException(`invalid body: ${describeIssues(error.issues)}`);
      if (error instanceof SourceExistsError) throw new ConflictException(error.message);
      throw error;
    }
  }

  @Patch(':id')
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiBody({ schema: { type: 'object', properties: { enabled: { type: 'boolean' } } } })
  @ApiOperation({ summary: 'Change a source (today: enabled, the same as pause/resume)' })
  async update(
    @Param('id', new ZodPipe(idParam, 'path')) id: string,
    @Body(new ZodPipe(updateSourceBody, 'body')) body: { enabled: boolean },
  ): Promise<SourceView> {
    return sourceView(await this.found(this.sources.setEnabled(id, body.enabled, new Date()), id));
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  async remove(@Param('id', new ZodPipe(idParam, 'path')) id: string): Promise<void> {
    if (!(await this.sources.remove(id))) throw new NotFoundException(`no source ${id}`);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiOperation({ summary: 'Stop polling the source' })
  async pause(@Param('id', new ZodPipe(idParam, 'path')) id: string): Promise<SourceView> {
    return sourceView(await this.found(this.sources.setEnabled(id, false, new Date()), id));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiOperation({ summary: 'Poll the source again (also unparks it and makes it due now)' })
  async resume(@Param('id', new ZodPipe(idParam, 'path')) id: string): Promise<SourceView> {
    return sourceView(await this.found(this.sources.setEnabled(id, true, new Date()), id));
  }

  private async found<T>(lookup: Promise<T | null>, id: string): Promise<T> {
    const result = await lookup;
    if (result === null) throw new NotFoundException(`no source ${id}`);
    return result;
  }
}
