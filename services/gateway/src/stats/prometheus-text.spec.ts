import { parsePrometheusText, serviceFigures } from './prometheus-text';

const TEXT = `# HELP inkstream_messages_consumed_total Messages handled successfully
# TYPE inkstream_messages_consumed_total counter
inkstream_messages_consumed_total{topic="news.raw.v1",group="inkstream.splitter",service="splitter"} 12
inkstream_messages_consumed_total{topic="news.x",group="g",service="splitter"} 3
inkstream_messages_failed_total{topic="news.raw.v1",group="inkstream.splitter",service="splitter"} 2
inkstream_messages_produced_total{topic="news.articles.v1",service="splitter"} 40
inkstream_handler_duration_seconds_sum{topic="news.raw.v1",group="inkstream.splitter"} 1.5
inkstream_handler_duration_seconds_count{topic="news.raw.v1",group="inkstream.splitter"} 15
inkstream_handler_duration_seconds_bucket{le="+Inf",topic="news.raw.v1"} 15
inkstream_process_cpu_seconds_total 0.25
weird{label="a \\"quoted\\" value"} 1
`;

describe('parsePrometheusText', () => {
  it('reads samples with labels and skips comments', () => {
    const samples = parsePrometheusText(TEXT);
    expect(samples[0]).toEqual({
      name: 'inkstream_messages_consumed_total',
      labels: { topic: 'news.raw.v1', group: 'inkstream.splitter', service: 'splitter' },
      value: 12,
    });
    expect(samples.find((sample) => sample.name === 'weird')?.labels.label).toBe('a "quoted" value');
    expect(samples.find((sample) => sample.name === 'inkstream_handler_duration_seconds_bucket')?.labels.le).toBe(
      '+Inf',
    );
  });
});

describe('serviceFigures', () => {
  it('sums the pipeline counters over topics and groups', () => {
    expect(serviceFigures(parsePrometheusText(TEXT))).toEqual({
      produced: 40,
      consumed: 15,
      failed: 2,
      deadLettered: 0,
      retried: 0,
      handlerSecondsSum: 1.5,
      handlerSecondsCount: 15,
      consumerLag: 0,
    });
  });
});
