import { publishedContractFiles } from '@inkstream/contracts';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NO_QUERY } from './validation';

/**
 * The published contracts (AsyncAPI 3 document, one JSON Schema per message type), served like the OpenAPI document:
 * public, read-only, the same documents as the committed files in libs/contracts/published.
 */
@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  private readonly files: Record<string, unknown> = Object.fromEntries(
    Object.entries(publishedContractFiles()).map(([path, text]) => [path, JSON.parse(text)]),
  );

  @Get()
  @ApiOperation({ summary: 'The list of published contract files' })
  list(@Query(NO_QUERY) _query: Record<string, never>): { files: string[] } {
    return { files: Object.keys(this.files).map((path) => `/contracts/${path}`) };
  }

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'AsyncAPI 3 document of every topic: payloads, headers, keys, dead-letter channels' })
  asyncApi(@Query(NO_QUERY) _query: Record<string, never>): unknown {
    return this.files['asyncapi.json'];
  }

  @Get('json-schema/:name')
  @ApiOperation({ summary: 'JSON Schema of one message type, e.g. clean-article.schema.json' })
  jsonSchema(@Param('name') name: string, @Query(NO_QUERY) _query: Record<string, never>): unknown {
    const text = this.files[`json-schema/${name}`];
    if (text === undefined) throw new NotFoundException(`no published JSON Schema ${name}`);
    return text;
  }
}
