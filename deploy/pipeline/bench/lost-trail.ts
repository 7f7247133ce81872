// Where a lost document was last seen: which of the pipeline's topics carry a message naming its raw document id.
// The audit says a document has no outcome; this says which stage swallowed it (the first topic it is missing from),
// so a failed resilience run points at a stage, not only at documents.
import { readRanges, rangesByTime } from '@inkstream/audit';
import { ALL_TOPICS, Topics, withPrefix, type TopicName } from '@inkstream/contracts';
import type { Admin, Kafka } from 'kafkajs';

export interface LostTrailOptions {
  kafka: Kafka;
  admin: Admin;
  topicPrefix: string;
  window: { since: number; until: number };
}

/** Per raw document id, the topics (in pipeline order) with at least one message naming it. */
export async function lostTrail(
  options: LostTrailOptions,
  rawIds: readonly string[],
): Promise<Map<string, TopicName[]>> {
  const trail = new Map(rawIds.map((id) => [id, [] as TopicName[]]));
  for (const topic of ALL_TOPICS.filter((name) => name !== Topics.rawDocuments)) {
    const physical = withPrefix(options.topicPrefix, topic);
    const ranges = await rangesByTime(options.admin, physical, options.window.since, options.window.until);
    const seen = new Set<string>();
    await readRanges(options.kafka, physical, ranges, (_partition, message) => {
      const text = message.value?.toString() ?? '';
      for (const id of rawIds) if (text.includes(id)) seen.add(id);
    });
    for (const id of seen) trail.get(id)?.push(topic);
  }
  return trail;
}

export function formatLostTrail(trail: ReadonlyMap<string, readonly TopicName[]>): string {
  const lines = [...trail].map(
    ([id, topics]) => `  ${id}: ${topics.length > 0 ? topics.join(' → ') : 'on no topic after the raw one'}`,
  );
  return `Where each lost document was last seen (topics carrying its raw document id):\n${lines.join('\n')}`;
}
