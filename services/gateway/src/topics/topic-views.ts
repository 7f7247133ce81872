// What the topic API answers, as types only: the gateway builds them and the dashboard script (compiled for the
// browser, without Node's types) reads them, so both name one shape.

/** Why a read stopped. */
export type ScanStop = 'end' | 'matches' | 'scan-limit' | 'deadline';

export interface PartitionBounds {
  partition: number;
  /** First offset the log still holds. */
  low: string;
  /** Offset the next message will get (the high watermark). */
  high: string;
}

export interface BrowsableTopic {
  topic: string;
  kind: 'pipeline' | 'dead-letter';
  partitions: PartitionBounds[];
}

/** What the browser shows of a message: key, headers and the value as JSON when it is JSON, else as text. */
export interface MessageView {
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  headers: Record<string, string>;
  /** The parsed value when it is JSON; null otherwise (then `text` has it). */
  json: unknown;
  /** The value as text when it is not JSON (or is cut), else null. */
  text: string | null;
  bytes: number;
  /** The value was longer than MAX_VALUE_CHARS and is shown cut, as text. */
  truncated: boolean;
}

export interface MessagePage {
  topic: string;
  partition: number;
  low: string;
  high: string;
  /** Where this page began reading. */
  start: string;
  /** Pass as `offset` to read on from where this page stopped. */
  nextOffset: string;
  /** Messages read, matching the filter or not. */
  scanned: number;
  /** `end`: the high watermark was reached; `matches`: the page is full; `scan-limit`/`deadline`: the bounds. */
  stoppedBecause: ScanStop;
  messages: MessageView[];
}

export interface StageTrace {
  stage: string;
  topic: string;
  messages: Array<Pick<MessageView, 'partition' | 'offset' | 'timestamp' | 'key'> & { traceId: string | null }>;
  scanned: number;
  stoppedBecause: ScanStop;
}
