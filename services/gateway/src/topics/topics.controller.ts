import { ArticleQueryRepository } from '@inkstream/persistence';
import { Controller, Get, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { idParam } from '../articles/article-params';
import { ApiQueryParams } from '../articles/openapi-params';
import { ReadGuard } from '../http/auth.guards';
import { NO_QUERY, ZodPipe } from '../http/validation';
import { PAGE_BUDGET, TopicsService } from './topics.service';
import type { BrowsableTopic, MessagePage, StageTrace } from './topic-views';
import { browseQuery, MAX_BROWSE_PAGE, partitionParam, topicParam, type BrowseRequest } from './topic-params';

@ApiTags('topics')
@ApiBearerAuth('read')
@UseGuards(ReadGuard)
@Controller('api')
export class TopicsController {
  constructor(
    private readonly topics: TopicsService,
    private readonly articles: ArticleQueryRepository,
  ) {}

  @Get('topics')
  @ApiOperation({ summary: 'The topics the browser reads (pipeline and dead-letter topics) with partition offsets' })
  async list(@Query(NO_QUERY) _query: Record<string, never>): Promise<{ topics: BrowsableTopic[] }> {
    return { topics: await this.topics.list() };
  }

  @Get('topics/:topic/partitions/:partition/messages')
  @ApiOperation({
    summary: 'A page of one partition: key, headers and value of each message, optionally filtered',
    description:
      'Starts at `offset`, at the first message at or after `timestamp`, or (neither) at the last `limit` messages; ' +
      `reads at most ${PAGE_BUDGET.maxScanned} messages and ${PAGE_BUDGET.deadlineMs / 1000} s per page: ` +
      '`stoppedBecause` says which bound ended it and `nextOffset` continues from there.',
  })
  @ApiQueryParams([
    { name: 'offset', description: 'first offset to read (not with timestamp)' },
    { name: 'timestamp', description: 'ISO-8601 time: start at the first message at or after it' },
    { name: 'limit', description: `messages per page, 1-${MAX_BROWSE_PAGE} (default 20)`, type: 'integer' },
    { name: 'key', description: 'only messages with this key' },
    { name: 'traceId', description: 'only messages of this trace (trace-id header, else the value’s traceId)' },
    { name: 'header', description: 'only messages with this header value, as name=value' },
  ])
  async page(
    @Param('topic', new ZodPipe(topicParam, 'path')) topic: string,
    @Param('partition', new ZodPipe(partitionParam, 'path')) partition: number,
    @Query(new ZodPipe(browseQuery, 'query')) request: BrowseRequest,
  ): Promise<MessagePage> {
    return this.topics.page(topic, partition, request);
  }

  @Get('articles/:id/trace')
  @ApiOperation({
    summary: "An article's messages on each stage's topic (partition, offset, broker time), from its fetch onwards",
    description:
      'Found by key (article id) after the splitter and by trace id on the raw topic, each stage reading a bounded ' +
      'number of messages; a stage whose `stoppedBecause` is not `end` may have more. Not span-level tracing.',
  })
  async trace(
    @Param('id', new ZodPipe(idParam, 'path')) id: string,
    @Query(NO_QUERY) _query: Record<string, never>,
  ): Promise<{ articleId: string; traceId: string; stages: StageTrace[] }> {
    const article = await this.articles.findById(id);
    if (!article) throw new NotFoundException(`no article ${id}`);
    return { articleId: id, traceId: article.traceId, stages: await this.topics.trace(article) };
  }
}
