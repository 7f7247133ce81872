/**
 * The live stream's event id is a position in the clean topic: for every partition, the offset of the next message
 * to read (`0:16,1:22,2:9`). A client that reconnects with it as Last-Event-ID resumes exactly where it stopped, on
 * any gateway replica, with no state kept between connections: no gap (every partition restarts at its next offset)
 * and no repeat (messages before that offset are skipped even if Kafka hands them out again).
 */
export type OffsetVector = ReadonlyMap<number, bigint>;

export class InvalidEventIdError extends Error {
  override readonly name = 'InvalidEventIdError';
}

const ENTRY = /^(\d{1,6}):(\d{1,19})$/;

export function formatEventId(positions: OffsetVector): string {
  return [...positions.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

export function parseEventId(text: string): Map<number, bigint> {
  const positions = new Map<number, bigint>();
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidEventIdError('Last-Event-ID is empty');
  for (const entry of trimmed.split(',')) {
    const match = ENTRY.exec(entry.trim());
    if (!match) {
      throw new InvalidEventIdError(`Last-Event-ID "${text.slice(0, 100)}" is not a list of partition:offset`);
    }
    const partition = Number(match[1]);
    if (positions.has(partition)) throw new InvalidEventIdError(`Last-Event-ID names partition ${partition} twice`);
    positions.set(partition, BigInt(match[2]));
  }
  return positions;
}

/** Where one connection is in each partition; decides which consumed messages are new. */
export class StreamPosition {
  private readonly positions: Map<number, bigint>;

  constructor(initial: OffsetVector) {
    this.positions = new Map(initial);
  }

  /**
   * Records that `offset` of `partition` was read. False for a message before the current position (a redelivery
   * after a seek or rebalance), which must not be sent again.
   */
  advance(partition: number, offset: string): boolean {
    const value = BigInt(offset);
    const current = this.positions.get(partition);
    if (current !== undefined && value < current) return false;
    this.positions.set(partition, value + 1n);
    return true;
  }

  offsetOf(partition: number): bigint | undefined {
    return this.positions.get(partition);
  }

  eventId(): string {
    return formatEventId(this.positions);
  }
}

/** One Server-Sent Events frame; `data` must be a single line (JSON.stringify output is). */
export function sseEvent(event: string, id: string, data: string): string {
  return `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;
}
