import { z } from 'zod';

export const isoDateTime = z.string().datetime({ offset: true });
export const nullableString = z.string().nullable();

export const sourceKind = z.enum(['feed', 'page', 'sitemap', 'drop']);
export type SourceKind = z.infer<typeof sourceKind>;

/** How a message names the source it came from: enough for consumers to display and filter without a lookup. */
export const sourceRef = z.object({
  id: z.string().min(1),
  name: z.string(),
  domain: z.string().nullable(),
});
export type SourceRef = z.infer<typeof sourceRef>;

/** Fields every message carries: the envelope that tracing, idempotency and schema evolution rely on. */
export const envelope = {
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  traceId: z.string().min(1),
  sourceId: z.string().min(1),
};

/**
 * The schema version of every message that carries an article's text (candidate, unique, enriched, clean). Version 2
 * added `authors`; a version-1 message is upgraded when it is read (registry.ts), so both travel during a rollout.
 */
export const ARTICLE_SCHEMA_VERSION = 2;

export const articleEnvelope = { ...envelope, schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION) };
