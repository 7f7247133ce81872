import { z } from 'zod';
import { isoDateTime, nullableString } from './common';

export const entityType = z.enum(['PERSON', 'ORGANIZATION', 'LOCATION']);

export const mention = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const entity = z.object({
  name: z.string(),
  type: entityType,
  title: nullableString.optional(),
  mentions: z.array(mention),
  count: z.number().int().nonnegative(),
  salience: z.number(),
});

export const place = z.object({ name: z.string(), country: nullableString });
export const scored = z.object({ value: z.string(), score: z.number() });
export const quote = z.object({ text: z.string(), speaker: nullableString });

/** Figures vary by kind (money has a currency, an area a unit); the shared fields are what consumers filter on. */
export const figure = z
  .object({ kind: z.string(), text: z.string(), value: z.number().nullable().optional() })
  .passthrough();

/** What the enricher adds, shared by the enriched article (nested) and the clean article (flattened for consumers). */
export const enrichmentFields = {
  language: z.string(),
  languageConfidence: z.number().min(0).max(1),
  entities: z.array(entity),
  places: z.array(place),
  keywords: z.array(scored),
  topics: z.array(scored),
  summary: z.string(),
  quotes: z.array(quote),
  figures: z.array(figure),
  wordCount: z.number().int().nonnegative(),
  readingTimeMinutes: z.number().nonnegative(),
  enrichmentVersion: z.string().min(1),
};

export const enrichmentSchema = z.object({ ...enrichmentFields, enrichedAt: isoDateTime });
export type Enrichment = z.infer<typeof enrichmentSchema>;
