import { ArticleQueryRepository, type ArticlePage, type StoryCluster } from '@inkstream/persistence';
import { Controller, Get, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { openApiRef, type CleanArticle } from '@inkstream/contracts';
import { ReadGuard } from '../http/auth.guards';
import { NO_QUERY, ZodPipe } from '../http/validation';
import { articleListQuery, idParam, MAX_PAGE_SIZE, type ArticleListRequest } from './article-params';
import { ARTICLE_PAGE_EXAMPLE, CLEAN_ARTICLE_EXAMPLE } from './openapi-examples';
import { ApiQueryParams, FILTER_PARAM_DOCS } from './openapi-params';

@ApiTags('articles')
@ApiBearerAuth('read')
@UseGuards(ReadGuard)
@Controller('api')
export class ArticlesController {
  constructor(private readonly articles: ArticleQueryRepository) {}

  @Get('articles')
  @ApiOperation({
    summary: 'Clean articles, newest first, filtered, or searched with q; page with the returned nextCursor',
    description:
      'Items omit body, paragraphs, blocks, headings and entity mentions: GET /api/articles/{id} has them. ' +
      'With q, a full-text search (words, "quoted phrases", -excluded words; any case) over the title and, as the ' +
      'store is configured (ARTICLE_SEARCH_SCOPE), the story (standfirst, lede, summary, entities, places and ' +
      'keywords of the whole text, without common words such as the, der, le: the default) or every word of the ' +
      'body; a common word alone finds titles, a quoted phrase matches without its common words; most ' +
      'relevant first, each item with search.score and search.highlights (HTML-escaped, matches in <mark>); ' +
      'entity, place and topic match whatever their case and accents.',
  })
  @ApiQueryParams([
    ...FILTER_PARAM_DOCS,
    {
      name: 'q',
      description:
        'full-text search over the title and the story or body (ARTICLE_SEARCH_SCOPE), ordered by relevance (not with sort)',
    },
    { name: 'sort', description: 'time field that orders and bounds the list', enum: ['storedAt', 'publishedAt'] },
    { name: 'limit', description: `page size, 1-${MAX_PAGE_SIZE} (default 20)`, type: 'integer' },
    { name: 'cursor', description: 'nextCursor of the previous page' },
  ])
  @ApiOkResponse({
    description: 'One page of article summaries',
    schema: { ...openApiRef('ArticlePage'), example: ARTICLE_PAGE_EXAMPLE },
  })
  @ApiBadRequestResponse({ description: 'A query parameter is malformed; the message names it and why' })
  @ApiServiceUnavailableResponse({
    description:
      'With q: the store has no text index yet (it is being built, e.g. after ARTICLE_SEARCH_SCOPE changed) or the ' +
      'database is unreachable; lists and filters without q still answer. Retry later',
  })
  async list(@Query(new ZodPipe(articleListQuery, 'query')) request: ArticleListRequest): Promise<ArticlePage> {
    if (request.kind === 'search') {
      // No text index (being rebuilt) or no database: 503 with the reason (DependencyUnavailableFilter).
      return this.articles.search(request.query, request.filter, { limit: request.limit, cursor: request.cursor });
    }
    return this.articles.list(request.filter, { field: request.field, limit: request.limit, cursor: request.cursor });
  }

  @Get('articles/:id')
  @ApiOperation({ summary: 'One clean article, as consumers receive it on news.clean.v1' })
  @ApiOkResponse({ schema: { ...openApiRef('CleanArticle'), example: CLEAN_ARTICLE_EXAMPLE } })
  async get(
    @Param('id', new ZodPipe(idParam, 'path')) id: string,
    @Query(NO_QUERY) _query: Record<string, never>,
  ): Promise<CleanArticle> {
    const article = await this.articles.findById(id);
    if (!article) throw new NotFoundException(`no article ${id}`);
    return article;
  }

  @Get('clusters/:clusterId')
  @ApiOperation({ summary: 'A story cluster: its stored articles and the duplicates recorded against them' })
  async cluster(
    @Param('clusterId', new ZodPipe(idParam, 'path')) clusterId: string,
    @Query(NO_QUERY) _query: Record<string, never>,
  ): Promise<StoryCluster> {
    const cluster = await this.articles.findCluster(clusterId);
    if (!cluster) throw new NotFoundException(`no story cluster ${clusterId}`);
    return cluster;
  }
}
