import type { SourceRecord } from '@inkstream/persistence';
import { z } from 'zod';

/**
 * Request bodies for sources. Field rules (URL per kind, positive intervals…) belong to the persistence layer's
 * newSourceSchema, which SourceRepository.add applies; here we refuse keys it does not know, so a typo such as
 * `pollInterval` is an error instead of silently ignored.
 */
export const createSourceBody = z
  .object({
    kind: z.enum(['feed', 'page', 'sitemap', 'drop']),
    // Checked here too: newSourceSchema's refinement calls new URL() even after its own url check failed (a 500).
    url: z.string().url('must be an absolute URL'),
    name: z.unknown(),
    pollIntervalSeconds: z.unknown().optional(),
    enabled: z.unknown().optional(),
    tags: z.unknown().optional(),
    fullText: z.unknown().optional(),
    allowListed: z.unknown().optional(),
    sites: z.unknown().optional(),
  })
  .strict();

export type CreateSourceBody = z.infer<typeof createSourceBody>;

export const updateSourceBody = z
  .object({ enabled: z.boolean({ invalid_type_error: 'must be true or false' }) })
  .strict();

export const sourceListQuery = z
  .object({
    tag: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(['feed', 'page', 'sitemap', 'drop']).optional(),
  })
  .strict();

export type SourceView = Omit<SourceRecord, '_id'> & { id: string };

export function sourceView(record: SourceRecord): SourceView {
  const { _id, ...rest } = record;
  return { id: _id, ...rest };
}
