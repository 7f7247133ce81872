import { articlePageSchema, articleSummarySchema } from '../clean-article';
import { TopicSchemas } from '../registry';
import { ALL_TOPICS } from '../topics';
import { componentName, messageJsonSchema, zodSchemaAsJson, type JsonSchema } from './json-schemas';

/**
 * OpenAPI 3.0 component schemas for the gateway's document, generated from the same zod schemas as the topic
 * contracts: every message type, plus the API's list shapes. Responses point at them with `openApiRef`.
 */
export function openApiComponentSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const topic of ALL_TOPICS) {
    schemas[componentName(TopicSchemas[topic].messageType)] = messageJsonSchema(topic, 'openapi');
  }
  schemas.ArticleSummary = zodSchemaAsJson(articleSummarySchema, 'openapi');
  schemas.ArticlePage = zodSchemaAsJson(articlePageSchema, 'openapi');
  return schemas;
}

export type OpenApiComponent = 'CleanArticle' | 'ArticleSummary' | 'ArticlePage';

export function openApiRef(component: OpenApiComponent): { $ref: string } {
  return { $ref: `#/components/schemas/${component}` };
}
