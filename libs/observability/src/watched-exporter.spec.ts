import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { Writable } from 'node:stream';
import pino from 'pino';
import { WatchedExporter } from './watched-exporter';

describe('WatchedExporter', () => {
  it('logs when export starts failing and when it works again, once each, and passes every result on', () => {
    const results: ExportResult[] = [
      { code: ExportResultCode.FAILED, error: new Error('connect ECONNREFUSED 127.0.0.1:4318') },
      { code: ExportResultCode.FAILED, error: new Error('connect ECONNREFUSED 127.0.0.1:4318') },
      { code: ExportResultCode.SUCCESS },
      { code: ExportResultCode.SUCCESS },
    ];
    const inner = {
      export: (_spans, done) => done(results.shift() as ExportResult),
      shutdown: async () => undefined,
    } satisfies SpanExporter;
    const lines: Array<{ msg: string; err?: string }> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { msg: string; err?: string });
        done();
      },
    });
    const exporter = new WatchedExporter(inner, 'http://127.0.0.1:4318/v1/traces', pino({ level: 'info' }, stream));
    const codes: ExportResultCode[] = [];
    for (let i = 0; i < 4; i += 1) exporter.export([], (result) => codes.push(result.code));
    expect(codes).toEqual([
      ExportResultCode.FAILED,
      ExportResultCode.FAILED,
      ExportResultCode.SUCCESS,
      ExportResultCode.SUCCESS,
    ]);
    expect(lines.map(({ msg, err }) => ({ msg, err }))).toEqual([
      { msg: 'cannot export spans; dropping them', err: 'connect ECONNREFUSED 127.0.0.1:4318' },
      { msg: 'exporting spans again', err: undefined },
    ]);
  });
});
