import { newTraceId, Topics, type RawDocument } from '@inkstream/contracts';
import { decodeBody, detectDocumentKind } from '@inkstream/feeds';
import {
  buildRawDocument,
  contentTypeForKind,
  DEFAULT_RAW_DOCUMENT_LIMITS,
  FetchError,
  fileUrl,
  listDropFiles,
  readDropFile,
  type DropFile,
} from '@inkstream/fetching';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { connectionFromEnv, requireKafka } from '../live/connection';
import { progressFigures } from '../progress';

export const CLI_INGEST_SOURCE = { id: 'cli-ingest', name: 'CLI ingest' } as const;

export interface IngestIo {
  /** publishes to news.raw.v1; resolves once acknowledged */
  publish(documents: RawDocument[]): Promise<void>;
  /** progress and per-file errors */
  writeErr(text: string): void;
  /** the final summary line */
  writeLine(line: string): void;
  now?(): Date;
  /** milliseconds of a monotonic-enough clock, for the progress rate and ETA (default Date.now) */
  clock?(): number;
  /** stderr is a terminal: progress redraws one line instead of printing many */
  interactive?: boolean;
  /** the summary as one JSON object instead of a sentence */
  json?: boolean;
}

export interface IngestOptions {
  sourceId?: string;
  sourceName?: string;
  /** larger files are errors (also the gunzipped size of `.gz` files) */
  maxFileBytes?: number;
  /** folders with more files than this get a progress line */
  progressAbove?: number;
  batchSize?: number;
}

export interface IngestSummary {
  files: number;
  published: number;
  skipped: number;
  errors: number;
}

const MAX_FILES_PER_FOLDER = 1_000_000;

/** Why a readable file is not worth publishing (empty, or binary: an image, a PDF), or null. */
function skipReason(text: string): string | null {
  if (text.trim() === '') return 'empty (nothing but whitespace)';
  if (text.slice(0, 1024).includes('\u0000')) return 'binary (NUL bytes in the first KB): not a text document';
  return null;
}

/**
 * Publishes local files (folders recursively, `.gz` decompressed) as raw documents of the `cli-ingest` source,
 * each one's kind sniffed from its content. Ids are deterministic (source, absolute path, content), so ingesting a
 * folder twice republishes the same documents, which later stages treat as the same. Empty and binary files are
 * skipped, each named with why; unreadable or oversized ones are errors that do not stop the rest.
 */
export async function runIngest(paths: string[], io: IngestIo, options: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { files: 0, published: 0, skipped: 0, errors: 0 };
  const files = await expand(paths, io, summary);
  const maxBytes = options.maxFileBytes ?? 64 * 1024 * 1024;
  const progressAbove = options.progressAbove ?? 50;
  const batchSize = options.batchSize ?? 20;
  const now = io.now ?? (() => new Date());
  const clock = io.clock ?? Date.now;
  const started = clock();
  let batch: RawDocument[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await io.publish(batch);
    summary.published += batch.length;
    batch = [];
  };
  const progress = () =>
    `ingest: ${summary.files}/${files.length} files, ${summary.published + batch.length} published, ` +
    `${summary.skipped} skipped, ${summary.errors} errors ` +
    `(${progressFigures({ done: summary.files, total: files.length, elapsedMs: clock() - started })})`;
  for (const file of files) {
    summary.files += 1;
    try {
      const { text } = decodeBody(await readDropFile(file, { maxBodyBytes: maxBytes, maxDecompressedBytes: maxBytes }));
      const skipped = skipReason(text);
      if (skipped) {
        summary.skipped += 1;
        io.writeErr(`${io.interactive ? '\n' : ''}skipped: ${file.path}: ${skipped}\n`);
      } else {
        batch.push(
          buildRawDocument(
            {
              source: {
                id: options.sourceId ?? CLI_INGEST_SOURCE.id,
                name: options.sourceName ?? CLI_INGEST_SOURCE.name,
                kind: 'drop',
                url: fileUrl(dirname(file.path)),
              },
              url: fileUrl(file.path),
              itemKey: `file:${file.path}`,
              content: text,
              contentType: contentTypeForKind(detectDocumentKind(text), text),
              fetchedAt: now(),
              traceId: newTraceId(),
              lastModified: new Date(file.mtimeMs).toUTCString(),
            },
            DEFAULT_RAW_DOCUMENT_LIMITS,
          ),
        );
      }
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      summary.errors += 1;
      io.writeErr(`${io.interactive ? '\n' : ''}error: ${error.message}\n`);
    }
    if (batch.length >= batchSize) await flush();
    if (files.length > progressAbove && (summary.files % 100 === 0 || summary.files === files.length)) {
      io.writeErr(io.interactive ? `\r${progress()}` : `${progress()}\n`);
    }
  }
  await flush();
  if (io.interactive && files.length > progressAbove) io.writeErr('\n');
  io.writeLine(
    io.json
      ? JSON.stringify(summary)
      : `files ${summary.files}, published ${summary.published}, skipped ${summary.skipped}, errors ${summary.errors}`,
  );
  return summary;
}

/** Paths to files: folders walked recursively (hidden and partial files left out), in path order. */
async function expand(paths: string[], io: IngestIo, summary: IngestSummary): Promise<DropFile[]> {
  const files: DropFile[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    try {
      const info = await stat(absolute);
      if (info.isDirectory()) files.push(...(await listDropFiles(absolute, MAX_FILES_PER_FOLDER)).files);
      else files.push({ path: absolute, relativePath: basename(absolute), size: info.size, mtimeMs: info.mtimeMs });
    } catch (error) {
      summary.errors += 1;
      io.writeErr(`error: ${path}: ${(error as Error).message}\n`);
    }
  }
  return files;
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('publish local files or folders (recursively) to the raw topic, as the cli-ingest source')
    .argument('<paths...>', 'files or folders')
    .option('--source-id <id>', 'source id of the raw documents', CLI_INGEST_SOURCE.id)
    .option('--source-name <name>', 'source name of the raw documents', CLI_INGEST_SOURCE.name)
    .option('--json', 'print the summary as JSON', false)
    .action(async (paths: string[], options: { sourceId: string; sourceName: string; json: boolean }) => {
      const { brokers, topicPrefix, security } = connectionFromEnv();
      await requireKafka(brokers, security);
      const kafka = createKafka({
        clientId: 'inkstream-cli-ingest',
        brokers,
        security,
        logger: createLogger('cli', 'error', 'stderr'),
      });
      const producer = new PipelineProducer(kafka, topicPrefix);
      await producer.connect();
      try {
        const summary = await runIngest(
          paths,
          {
            publish: (documents) => producer.publish(Topics.rawDocuments, documents),
            writeErr: (text) => process.stderr.write(text),
            writeLine: (line) => process.stdout.write(`${line}\n`),
            interactive: process.stderr.isTTY === true,
            json: options.json,
          },
          options,
        );
        if (summary.errors > 0) process.exitCode = 1;
      } finally {
        await producer.disconnect();
      }
    });
}
