// The documentation check (a step of `npm test`): every topic, consumer group, dead-letter kind, topic key and
// environment variable the docs name exists in the code, and every variable the config schemas validate, every
// dead-letter kind and every topic is documented somewhere a reader looks.
//   node -r @swc-node/register tools/checks/src/docs-check.ts
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCodeFacts, type CodeFacts } from './code-facts';
import { claimsIn, type Claim, type DocFormat, type Vocabulary } from './doc-claims';

/** The docs a reader looks at: every markdown file of the repository and the Kubernetes manifests' comments. */
export function documentFiles(root: string): Array<{ file: string; format: DocFormat }> {
  const files = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '*.md', 'deploy/k8s/*.yaml'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter((file) => file && !file.includes('node_modules/'));
  return files.map((file) => ({ file, format: file.endsWith('.md') ? 'markdown' : 'yaml' }));
}

/** Read by Node itself, not by Inkstream's code: manifests may set them. */
const NODE_RUNTIME_VARIABLES: ReadonlySet<string> = new Set(['NODE_OPTIONS', 'NODE_ENV', 'NODE_EXTRA_CA_CERTS']);

export function vocabularyOf(facts: CodeFacts): Vocabulary {
  const variables = [...facts.configVariables, ...facts.readVariables];
  return { topics: facts.topics, envPrefixes: new Set(variables.map((name) => name.split('_')[0])) };
}

/** What the docs say that the code contradicts, and what the code has that no doc mentions. */
export function problemsWith(claims: Claim[], facts: CodeFacts): string[] {
  const problems: string[] = [];
  const kinds = [...facts.deadLetterKinds].join(', ');
  for (const claim of claims) {
    switch (claim.kind) {
      case 'topic':
        if (
          claim.value.endsWith('.dlq')
            ? !facts.deadLetterTopics.has(claim.value)
            : !facts.topics.some((t) => t.topic === claim.value)
        ) {
          problems.push(
            `${claim.at}: topic \`${claim.value}\` does not exist (libs/contracts Topics, PIPELINE_SUBSCRIPTIONS)`,
          );
        }
        break;
      case 'consumer-group':
        if (!facts.consumerGroups.has(claim.value)) {
          problems.push(
            `${claim.at}: consumer group \`${claim.value}\` does not exist (libs/contracts ConsumerGroups)`,
          );
        }
        break;
      case 'dead-letter-kind':
        if (!facts.deadLetterKinds.has(claim.value)) {
          problems.push(`${claim.at}: dead-letter kind \`${claim.value}\` is never emitted (DeadLetterKind: ${kinds})`);
        }
        break;
      case 'env-var':
        if (!facts.namesInCode.has(claim.value) && !NODE_RUNTIME_VARIABLES.has(claim.value)) {
          problems.push(`${claim.at}: environment variable \`${claim.value}\` is read nowhere in the code`);
        }
        break;
      case 'topic-key': {
        const keyField = facts.topics.find((t) => t.topic === claim.topic)?.keyField;
        if (claim.value !== keyField) {
          problems.push(
            `${claim.at}: says ${claim.topic} is keyed by "${claim.phrase}"; messageKey (libs/contracts) keys it by ${keyField ?? 'something else'}`,
          );
        }
        break;
      }
    }
  }
  const documented = (kind: Claim['kind']) =>
    new Set(claims.filter((c) => c.kind === kind).map((c) => (c as { value: string }).value));
  const documentedVariables = documented('env-var');
  for (const variable of facts.configVariables) {
    if (!documentedVariables.has(variable))
      problems.push(`environment variable \`${variable}\` is validated by a config schema but documented nowhere`);
  }
  const documentedKinds = documented('dead-letter-kind');
  for (const kind of facts.deadLetterKinds) {
    if (!documentedKinds.has(kind)) problems.push(`dead-letter kind \`${kind}\` is emitted but documented nowhere`);
  }
  const documentedTopics = documented('topic');
  for (const { topic } of facts.topics) {
    if (!documentedTopics.has(topic)) problems.push(`topic \`${topic}\` exists but is documented nowhere`);
  }
  return problems;
}

function main(): void {
  const root = join(__dirname, '../../..');
  const facts = readCodeFacts(root);
  const vocabulary = vocabularyOf(facts);
  const documents = documentFiles(root);
  const claims = documents.flatMap(({ file, format }) =>
    claimsIn(file, readFileSync(join(root, file), 'utf8'), format, vocabulary),
  );
  const problems = problemsWith(claims, facts);
  if (problems.length > 0) {
    console.error(
      `docs and code disagree (${problems.length}):\n${problems.map((problem) => `  ${problem}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(
    `docs agree with the code: ${documents.length} documents, ${claims.length} claims ` +
      `(${facts.topics.length} topics, ${facts.deadLetterKinds.size} dead-letter kinds, ${facts.configVariables.size} validated variables)`,
  );
}

if (require.main === module) main();
