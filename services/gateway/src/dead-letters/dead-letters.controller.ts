import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags, type ApiBodyOptions } from '@nestjs/swagger';
import { AdminGuard, ReadGuard } from '../http/auth.guards';
import { NO_QUERY, ZodPipe } from '../http/validation';
import { deadLetterListQuery, deadLetterSelectionBody, type DeadLetterSelection } from './dead-letter-params';
import { DeadLettersService } from './dead-letters.service';

const SELECTION_DOC: ApiBodyOptions = {
  schema: {
    oneOf: [
      { type: 'object', properties: { partition: { type: 'integer' }, offset: { type: 'string' } } },
      { type: 'object', properties: { messages: { type: 'array', items: { type: 'object' } } } },
      { type: 'object', properties: { all: { type: 'boolean', enum: [true] } } },
    ],
  },
};

@ApiTags('dead letters')
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @UseGuards(ReadGuard)
  @ApiBearerAuth('read')
  @ApiOperation({ summary: 'Dead-letter topics with their total and pending (not replayed or discarded) counts' })
  async topics(@Query(NO_QUERY) _query: Record<string, never>) {
    return { topics: await this.deadLetters.summaries() };
  }

  @Get(':topic')
  @UseGuards(ReadGuard)
  @ApiBearerAuth('read')
  @ApiOperation({ summary: 'Pending dead letters of one topic, newest first, with error, origin and payload preview' })
  async messages(
    @Param('topic') topic: string,
    @Query(new ZodPipe(deadLetterListQuery, 'query')) query: { limit: number },
  ) {
    return this.deadLetters.list(topic, query.limit);
  }

  @Post(':topic/replay')
  @HttpCode(200)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiBody(SELECTION_DOC)
  @ApiOperation({ summary: 'Re-produce dead letters to their original topic (dlq-replay-count header incremented)' })
  async replay(
    @Param('topic') topic: string,
    @Body(new ZodPipe(deadLetterSelectionBody, 'body')) body: DeadLetterSelection,
  ) {
    return this.deadLetters.replay(topic, body);
  }

  @Post(':topic/discard')
  @HttpCode(200)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiBody(SELECTION_DOC)
  @ApiOperation({ summary: 'Mark dead letters as discarded: they stay in Kafka but leave the pending list' })
  async discard(
    @Param('topic') topic: string,
    @Body(new ZodPipe(deadLetterSelectionBody, 'body')) body: DeadLetterSelection,
  ) {
    return this.deadLetters.discard(topic, body);
  }
}
