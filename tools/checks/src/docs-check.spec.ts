import { join } from 'node:path';
import { readCodeFacts, type CodeFacts } from './code-facts';
import { claimsIn } from './doc-claims';
import { problemsWith, vocabularyOf } from './docs-check';

const facts: CodeFacts = {
  topics: [
    { topic: 'news.raw.v1', messageType: 'raw-document', keyField: 'url' },
    { topic: 'news.clean.v1', messageType: 'clean-article', keyField: 'id' },
  ],
  consumerGroups: new Set(['inkstream.splitter']),
  deadLetterTopics: new Set(['news.raw.v1.inkstream.splitter.dlq']),
  deadLetterKinds: new Set(['invalid-message', 'retries-exhausted']),
  configVariables: new Set(['FETCH_TIMEOUT_MS']),
  readVariables: new Set(['INKSTREAM_DEMO']),
  namesInCode: new Set(['FETCH_TIMEOUT_MS', 'INKSTREAM_DEMO', 'MAX_MESSAGE_BYTES']),
};
const vocabulary = vocabularyOf(facts);

const check = (text: string, format: 'markdown' | 'yaml' = 'markdown') =>
  problemsWith(claimsIn('doc.md', text, format, vocabulary), facts);

// Everything the sample names exists; problems beyond these are the planted ones.
const trueDoc = [
  'Topics: `news.raw.v1`, `news.clean.v1`; dead letters on `news.raw.v1.inkstream.splitter.dlq` (group `inkstream.splitter`).',
  '',
  'Dead letters carry a kind (`kind`: `invalid-message`, `retries-exhausted`).',
  '',
  '| variable           | default |',
  '| ------------------ | ------- |',
  '| `FETCH_TIMEOUT_MS` | `30000` |',
  '',
  '`INKSTREAM_DEMO=0` skips the demo. Stages refuse outputs over `MAX_MESSAGE_BYTES`.',
].join('\n');

describe('the documentation check', () => {
  it('accepts a document that names only what the code has', () => {
    expect(check(trueDoc)).toEqual([]);
  });

  it('finds a dead-letter kind the code never emits, with its line', () => {
    const doc = `${trueDoc}\n\nA dead letter's \`kind\` is \`invalid-message\` or \`transient\` (retries exhausted).`;
    expect(check(doc)).toEqual([expect.stringMatching(/^doc\.md:11: dead-letter kind `transient` is never emitted/)]);
  });

  it('does not read backticked words of sentences without "kind", or outside dead-letter passages, as kinds', () => {
    expect(check(`${trueDoc}\n\nDead letters are \`transient\` here.\n\nOne kind of source: \`sitemap\`.`)).toEqual([]);
  });

  it('reads kinds in the clause after "kind", not in its explanations in brackets or the clauses after it', () => {
    const doc = [
      trueDoc,
      '',
      '`kind` says why: `invalid-message` (fails its schema, see `schemaVersion`), `retries-exhausted` (after',
      '`RETRY_MAX_ATTEMPTS`). `GET /api/dead-letters` lists error, kind and origin; `GET /api/stats` names what is',
      '`unreachable`.',
    ].join('\n');
    expect(check(doc)).toEqual([]);
    expect(check(doc.replace('`retries-exhausted` (after', '`transient` (after'))).toEqual([
      expect.stringMatching(/^doc\.md:11: dead-letter kind `transient` is never emitted/),
    ]);
  });

  it('finds an environment variable the code does not read: by prefix, by assignment, in a variable table', () => {
    const doc = [
      trueDoc,
      '',
      'Set `FETCH_NO_SUCH_LIMIT` to change it, or run with `UNKNOWN_FLAG=1`.',
      '',
      '| variable         | default |',
      '| ---------------- | ------- |',
      '| `BRAND_NEW_KNOB` | `1`     |',
    ].join('\n');
    expect(check(doc)).toEqual([
      expect.stringMatching(/^doc\.md:11: environment variable `FETCH_NO_SUCH_LIMIT` is read nowhere/),
      expect.stringMatching(/^doc\.md:11: environment variable `UNKNOWN_FLAG` is read nowhere/),
      expect.stringMatching(/^doc\.md:15: environment variable `BRAND_NEW_KNOB` is read nowhere/),
    ]);
  });

  it('finds a topic key that contradicts the key rule, in a manifest comment naming the message type', () => {
    const manifest = '# raw documents; keyed by source id. Retention: three days.\napiVersion: v1\n';
    expect(check(`${trueDoc}\n\nClean articles are keyed by article id.`)).toEqual([]);
    expect(check(manifest, 'yaml')).toContainEqual(
      expect.stringMatching(/^doc\.md:1: says news\.raw\.v1 is keyed by "source id"; .* keys it by url$/),
    );
  });

  it('finds topic names and consumer groups that do not exist', () => {
    const doc = `${trueDoc}\n\nReplay \`news.raw.v2\` and \`news.clean.v1.inkstream.store.dlq\` of \`inkstream.store\`.`;
    expect(check(doc)).toEqual([
      expect.stringMatching(/topic `news\.raw\.v2` does not exist/),
      expect.stringMatching(/topic `news\.clean\.v1\.inkstream\.store\.dlq` does not exist/),
      expect.stringMatching(/consumer group `inkstream\.store` does not exist/),
    ]);
  });

  it('reports a validated variable, an emitted kind and a topic that no document mentions', () => {
    expect(check('Nothing here.')).toEqual([
      expect.stringMatching(/`FETCH_TIMEOUT_MS` is validated by a config schema but documented nowhere/),
      expect.stringMatching(/`invalid-message` is emitted but documented nowhere/),
      expect.stringMatching(/`retries-exhausted` is emitted but documented nowhere/),
      expect.stringMatching(/topic `news\.raw\.v1` exists but is documented nowhere/),
      expect.stringMatching(/topic `news\.clean\.v1` exists but is documented nowhere/),
    ]);
  });
});

describe('what the code declares (read from its sources of truth)', () => {
  let code: CodeFacts;
  beforeAll(() => {
    code = readCodeFacts(join(__dirname, '../../..'));
  }, 60_000);

  it('reads the dead-letter kinds from the DeadLetterKind type', () => {
    expect(code.deadLetterKinds.size).toBeGreaterThan(1);
    for (const kind of code.deadLetterKinds) expect(kind).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('reads the validated variables from the shapes given to loadConfig', () => {
    expect(code.configVariables).toContain('KAFKA_BROKERS');
    expect(code.configVariables).toContain('GATEWAY_ADMIN_TOKEN');
  });

  it('tells for every topic which field its key comes from', () => {
    expect(code.topics.length).toBeGreaterThan(0);
    for (const topic of code.topics) expect(topic.keyField).not.toBeNull();
  });
});
