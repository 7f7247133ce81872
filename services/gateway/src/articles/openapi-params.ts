import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

interface QueryDoc {
  name: string;
  description: string;
  type?: 'string' | 'integer';
  enum?: string[];
}

/** The filter parameters as the API explorer shows them (validation itself is the zod schema in article-params). */
export const FILTER_PARAM_DOCS: QueryDoc[] = [
  { name: 'source', description: 'source id, e.g. src-arabnews' },
  { name: 'language', description: 'ISO 639 language code, e.g. en' },
  { name: 'entity', description: 'exact entity name, e.g. Jens Stoltenberg' },
  { name: 'place', description: 'country code (BE) or place name (Brussels)' },
  { name: 'topic', description: 'topic value, e.g. politics' },
  { name: 'cluster', description: 'story cluster id' },
  { name: 'keyword', description: 'an extracted keyword, matched exactly (case-insensitive)' },
  { name: 'from', description: 'earliest time (inclusive), ISO-8601 date or date-time' },
  { name: 'to', description: 'latest time (inclusive), ISO-8601 date or date-time' },
];

export function ApiQueryParams(docs: QueryDoc[]): MethodDecorator {
  return applyDecorators(
    ...docs.map((doc) =>
      ApiQuery({
        name: doc.name,
        required: false,
        description: doc.description,
        type: doc.type ?? 'string',
        enum: doc.enum,
      }),
    ),
  );
}
