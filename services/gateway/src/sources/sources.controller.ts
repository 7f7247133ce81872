import { OpmlParseError, parseOpmlSources, writeOpml } from '@inkstream/feeds';
import {
  SourceEditError,
  sourceEditSchema,
  SourceExistsError,
  sourceLimitsOf,
  SourceRepository,
  type BulkAddResult,
  type NewSource,
  type SourceEdit,
} from '@inkstream/persistence';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  UnsupportedMediaTypeException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodError } from 'zod';
import { idParam } from '../articles/article-params';
import { AdminGuard, ReadGuard } from '../http/auth.guards';
import { describeIssues, NO_QUERY, ZodPipe } from '../http/validation';
import {
  bulkAddSummary,
  bulkSourcesBody,
  createSourceBody,
  OPML_CONTENT_TYPES,
  sourceListQuery,
  sourceView,
  type BulkAddSummary,
  type CreateSourceBody,
  type SourceListRequest,
  type SourceView,
} from './source-params';

/** The per-source limits, each null for the fetcher's default (services/fetcher README, "Per-source limits"). */
const SOURCE_LIMITS_DOC = {
  minIntervalSeconds: {
    type: 'integer',
    nullable: true,
    description: 'adaptive polling never polls it more often (default FETCH_MIN_INTERVAL_SECONDS)',
  },
  maxIntervalSeconds: {
    type: 'integer',
    nullable: true,
    description: 'adaptive polling polls it at least this often (default FETCH_MAX_INTERVAL_SECONDS)',
  },
  maxItemsPerRun: {
    type: 'integer',
    nullable: true,
    example: 5000,
    description: 'feed items read / sitemap pages fetched / files taken per poll (default FETCH_FEED_MAX_ITEMS, …)',
  },
  backoffMaxSeconds: {
    type: 'integer',
    nullable: true,
    description: 'a failing source is retried at least this often (default FETCH_BACKOFF_MAX_SECONDS)',
  },
};

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
      ...SOURCE_LIMITS_DOC,
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
  @ApiOperation({
    summary: 'Sources with their status, a page at a time',
    description:
      'Filters: state (ok, failing, parked, paused, due), host, q (words that begin a word of the name, the host ' +
      'or a tag), tag, kind. sort: name (default), lateness (longest overdue first), lastFetch (most recent ' +
      'first). Pages by the opaque nextCursor; total counts every match.',
  })
  async list(@Query(new ZodPipe(sourceListQuery, 'query')) query: SourceListRequest) {
    const now = new Date();
    const page = await this.sources.page(query.filter, query, now);
    return {
      sources: page.sources.map((source) => sourceView(source, now)),
      nextCursor: page.nextCursor,
      total: page.total,
    };
  }

  @Get('export')
  @UseGuards(ReadGuard)
  @ApiBearerAuth('read')
  @Header('Content-Type', 'text/x-opml; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="inkstream-sources.opml"')
  @ApiOperation({
    summary: 'Every source as OPML 2.0 (feed readers import it; POST /api/sources/import reads it back)',
  })
  async export(@Query(NO_QUERY) _query: Record<string, never>): Promise<string> {
    const sources = await this.sources.list();
    return writeOpml(
      sources.map((source) => ({ ...source, ...sourceLimitsOf(source), sites: source.sites ?? [] })),
      { title: 'Inkstream sources', createdAt: new Date() },
    );
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

  @Post('bulk')
  @HttpCode(200)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiBody({ schema: { type: 'array', items: SOURCE_BODY_DOC.schema } })
  @ApiOperation({
    summary: 'Add many sources in one call: added, existing (same URL) or refused with the reason, per item',
  })
  async bulk(@Body(new ZodPipe(bulkSourcesBody, 'body')) body: unknown[]): Promise<BulkAddSummary> {
    const valid: NewSource[] = [];
    const positions: number[] = [];
    const results: BulkAddResult[] = [];
    body.forEach((item, index) => {
      const checked = createSourceBody.safeParse(item);
      if (checked.success) {
        valid.push(checked.data as NewSource);
        positions.push(index);
      } else {
        const url = (item as { url?: unknown } | null)?.url;
        results.push({
          index,
          url: typeof url === 'string' ? url : '',
          outcome: 'refused',
          reason: describeIssues(checked.error.issues),
        });
      }
    });
    for (const result of await this.sources.addMany(valid, new Date())) {
      results.push({ ...result, index: positions[result.index] });
    }
    return bulkAddSummary(results.sort((a, b) => a.index - b.index));
  }

  @Post('import')
  @HttpCode(200)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiBody({
    description: 'An OPML document (text/x-opml, application/xml or text/xml)',
    schema: {
      type: 'string',
      example: '<opml version="2.0"><body><outline type="rss" text="A" xmlUrl="…"/></body></opml>',
    },
  })
  @ApiOperation({
    summary: 'Add the sources an OPML document lists: added, existing (same URL) and refused with the reason',
  })
  async import(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<BulkAddSummary> {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!OPML_CONTENT_TYPES.includes(type) || typeof body !== 'string') {
      throw new UnsupportedMediaTypeException(
        `an import is an OPML document sent as ${OPML_CONTENT_TYPES.join(', ')} (got ${type || 'no content type'})`,
      );
    }
    let parsed;
    try {
      parsed = parseOpmlSources(body);
    } catch (error) {
      if (error instanceof OpmlParseError) throw new BadRequestException(`invalid body: ${error.message}`);
      throw error;
    }
    const results = await this.sources.addMany(parsed.sources, new Date());
    return bulkAddSummary(results, parsed.refused);
  }

  @Patch(':id')
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        pollIntervalSeconds: { type: 'integer', nullable: true },
        fullText: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        enabled: { type: 'boolean' },
        ...SOURCE_LIMITS_DOC,
      },
    },
  })
  @ApiOperation({
    summary: 'Change name, interval, full-text mode, limits, tags or enabled; seen items and validators are kept',
    description:
      'Only the fields given change; null sets a limit back to the fetcher default. An explicit pollIntervalSeconds ' +
      'wins over minIntervalSeconds/maxIntervalSeconds, which bound the adaptive interval only.',
  })
  async update(
    @Param('id', new ZodPipe(idParam, 'path')) id: string,
    @Body(new ZodPipe(sourceEditSchema, 'body')) body: SourceEdit,
  ): Promise<SourceView> {
    try {
      return sourceView(await this.found(this.sources.edit(id, body, new Date()), id));
    } catch (error) {
      if (error instanceof SourceEditError) throw new BadRequestException(`invalid body: ${error.message}`);
      throw error;
    }
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
