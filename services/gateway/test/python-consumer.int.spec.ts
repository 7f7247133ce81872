// The published contract serves a consumer outside this repository: the Python example (confluent-kafka + the
// committed JSON Schema, no code of ours) reads news.clean.v1 on the real broker and validates every message.
import { Headers, Topics, withPrefix } from '@inkstream/contracts';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { createTopics, testStackInfo, uniqueName } from '@inkstream/testing';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CLEAN_ARTICLE_EXAMPLE } from '../src/articles/openapi-examples';

const run = promisify(execFile);
const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const EXAMPLE_DIR = join(__dirname, '..', 'examples', 'python');
const VENV = join(REPO_ROOT, '.cache', 'python-consumer-venv');

/** A venv with the example's pinned requirements, rebuilt only when requirements.txt changes. */
async function pythonWithRequirements(): Promise<string> {
  const requirements = join(EXAMPLE_DIR, 'requirements.txt');
  const hash = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const stamp = join(VENV, '.requirements-hash');
  const python = join(VENV, 'bin', 'python');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    mkdirSync(VENV, { recursive: true });
    await run('python3', ['-m', 'venv', '--clear', VENV], { timeout: 120_000 });
    await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements], {
      timeout: 600_000,
    });
    writeFileSync(stamp, hash);
  }
  return python;
}

interface ConsumerLine {
  key: string;
  messageType: string;
  id: string | null;
  version: number;
  valid: boolean;
  newer: boolean;
  errors: string[];
}

describe('Python consumer example (published JSON Schema, real Kafka)', () => {
  it('reads clean articles, validates them with the published schema and flags one that breaks it', async () => {
    const python = await pythonWithRequirements();
    const { kafkaBrokers } = testStackInfo();
    const prefix = `${uniqueName('pyconsumer')}.`;
    const topic = withPrefix(prefix, Topics.cleanArticles);
    await createTopics(kafkaBrokers, [{ topic, numPartitions: 2 }]);
    const producer = new PipelineProducer(
      createKafka({ clientId: 'python-consumer-test', brokers: kafkaBrokers, logger: createLogger('test', 'warn') }),
      prefix,
    );
    await producer.connect();
    try {
      const first = { ...CLEAN_ARTICLE_EXAMPLE, id: 'art_py1', version: 1 };
      await producer.publish(Topics.cleanArticles, [first, { ...first, version: 2 }]);
      // What a broken producer might write: a clean article whose title is a number.
      const broken = { ...CLEAN_ARTICLE_EXAMPLE, id: 'art_py2', title: 42 };
      const { authors: _authors, ...current } = CLEAN_ARTICLE_EXAMPLE;
      const legacy = { ...current, id: 'art_py3', schemaVersion: 1 };
      await producer.sendRaw(topic, [
        {
          key: 'art_py2',
          value: JSON.stringify(broken),
          headers: { [Headers.messageType]: 'clean-article', [Headers.schemaVersion]: '2' },
        },
        // What the topic still holds from before schema version 2: no authors. The consumer upgrades it on read.
        {
          key: 'art_py3',
          value: JSON.stringify(legacy),
          headers: { [Headers.messageType]: 'clean-article', [Headers.schemaVersion]: '1' },
        },
      ]);
    } finally {
      await producer.disconnect();
    }

    const script = join(EXAMPLE_DIR, 'consume_clean.py');
    const args = [script, '--brokers', kafkaBrokers.join(','), '--topic', topic, '--group', `${prefix}reader`];
    const outcome = await run(python, [...args, '--max-messages', '4', '--timeout', '90'], { timeout: 120_000 }).then(
      (result) => ({ code: 0, stdout: result.stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    const lines = outcome.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ConsumerLine);
    expect(outcome.code).toBe(1);
    const byVersion = lines
      .filter((line) => line.id === 'art_py1')
      .map((line) => [line.version, line.valid, line.newer]);
    expect(byVersion).toEqual([
      [1, true, true],
      [2, true, true],
    ]);
    const invalid = lines.find((line) => line.key === 'art_py2');
    expect(invalid).toMatchObject({ valid: false, messageType: 'clean-article' });
    expect(invalid?.errors.join('\n')).toMatch(/^title: 42 is not of type 'string'/m);
    expect(lines.find((line) => line.key === 'art_py3')).toMatchObject({ valid: true, version: 1 });
  });
});
