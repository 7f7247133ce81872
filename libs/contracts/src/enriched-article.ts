import { z } from 'zod';
import { uniqueArticleSchema } from './article';
import { enrichmentSchema } from './enrichment';

export const enrichedArticleSchema = uniqueArticleSchema.extend({ enrichment: enrichmentSchema });
export type EnrichedArticle = z.infer<typeof enrichedArticleSchema>;
