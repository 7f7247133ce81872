import type { MessageOf, TopicName } from '@inkstream/contracts';
import type { Logger } from '@inkstream/observability';

/** A validated message plus where it came from; what every handler receives. */
export interface ConsumedMessage<T extends TopicName = TopicName> {
  topic: T;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: MessageOf<T>;
}

export interface HandlerContext {
  /** Call during long work so the group coordinator does not think this consumer died and rebalance. */
  heartbeat(): Promise<void>;
  logger: Logger;
  /** 1 on first delivery to the handler, then 2, 3… on retries within this process. */
  attempt: number;
}

export type MessageHandler<T extends TopicName = TopicName> = (
  message: ConsumedMessage<T>,
  context: HandlerContext,
) => Promise<void>;

export function headersToStrings(headers: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    const first = Array.isArray(value) ? value[0] : value;
    result[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return result;
}
