// What the code itself declares, read from its sources of truth rather than from a list kept beside them: topic names,
// consumer groups and key rules from libs/contracts (run), the dead-letter kinds from the `DeadLetterKind` type and the
// configuration variables from every zod shape passed to `loadConfig` (read with the TypeScript compiler), and every
// other name the code reads from the environment.
import {
  ALL_TOPICS,
  ConsumerGroups,
  deadLetterTopic,
  messageKey,
  PIPELINE_SUBSCRIPTIONS,
  TopicSchemas,
  type KeyedMessage,
} from '@inkstream/contracts';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import type { KeyField } from './doc-claims';

export interface CodeFacts {
  topics: ReadonlyArray<{ topic: string; messageType: string; keyField: KeyField | null }>;
  consumerGroups: ReadonlySet<string>;
  deadLetterTopics: ReadonlySet<string>;
  deadLetterKinds: ReadonlySet<string>;
  /** Keys of the zod shapes given to `loadConfig`: what services and the CLI validate at startup. */
  configVariables: ReadonlySet<string>;
  /** Variables read directly (`process.env.X`, shell `${X}`) besides the validated ones. */
  readVariables: ReadonlySet<string>;
  /** Every upper-case snake name the code uses outside comments (strings, identifiers): "exists in code". */
  namesInCode: ReadonlySet<string>;
}

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

export function readCodeFacts(root: string): CodeFacts {
  const sources = gitFiles(root, ['*.ts']).filter((file) => !file.endsWith('.d.ts'));
  // Compose files read their variables with the shell's `${X}` syntax, so they count as scripts.
  const scripts = gitFiles(root, [
    '*.sh',
    '*.js',
    '*.mjs',
    '*.cjs',
    'package.json',
    '**/Dockerfile',
    'docker-compose.yml',
  ]);
  const names = namesUsedIn(root, sources, scripts);
  return {
    topics: topicsWithKeys(),
    consumerGroups: new Set(Object.values(ConsumerGroups)),
    deadLetterTopics: new Set(PIPELINE_SUBSCRIPTIONS.map(({ topic, group }) => deadLetterTopic(topic, group))),
    ...declaredInTypes(root, sources),
    readVariables: names.read,
    namesInCode: names.all,
  };
}

/** Which field each topic's key is taken from: `messageKey` run on a message whose fields are all different. */
function topicsWithKeys(): CodeFacts['topics'] {
  const probe: KeyedMessage = {
    id: 'probe-id',
    url: 'probe-url',
    sourceId: 'probe-source',
    traceId: 'probe-trace',
    schemaVersion: 1,
  };
  const fieldOfValue = new Map<string, KeyField>([
    [probe.id, 'id'],
    [probe.url as string, 'url'],
    [probe.sourceId, 'sourceId'],
    [probe.traceId, 'traceId'],
  ]);
  return ALL_TOPICS.map((topic) => ({
    topic,
    messageType: TopicSchemas[topic].messageType,
    keyField: fieldOfValue.get(messageKey(topic, probe)) ?? null,
  }));
}

/**
 * Kinds and variables are read file by file first, without following imports (resolving the whole graph costs
 * seconds); a type or shape built from imports cannot be read that way, and then the full program is.
 */
function declaredInTypes(root: string, sources: string[]): Pick<CodeFacts, 'deadLetterKinds' | 'configVariables'> {
  const read = (resolveImports: boolean) => ({
    deadLetterKinds: deadLetterKinds(root, sources, resolveImports),
    configVariables: configVariables(root, sources, resolveImports),
  });
  try {
    return read(false);
  } catch {
    return read(true);
  }
}

/** The string literals of the `DeadLetterKind` type, wherever a library declares it. */
function deadLetterKinds(root: string, sources: string[], resolveImports: boolean): Set<string> {
  const declaring = sources.filter(
    (file) => file.startsWith('libs/') && /\btype DeadLetterKind\b/.test(readFileSync(join(root, file), 'utf8')),
  );
  const { program, checker } = typeProgram(root, declaring, resolveImports);
  const kinds = new Set<string>();
  for (const file of declaring) {
    visit(program.getSourceFile(join(root, file))!, (node) => {
      if (!ts.isTypeAliasDeclaration(node) || node.name.text !== 'DeadLetterKind') return;
      const type = checker.getTypeAtLocation(node.name);
      for (const member of type.isUnion() ? type.types : [type]) {
        if (!member.isStringLiteral()) throw new Error(`${file}: DeadLetterKind is not a union of string literals`);
        kinds.add(member.value);
      }
    });
  }
  if (kinds.size === 0)
    throw new Error('no `type DeadLetterKind` found under libs/: where do dead-letter kinds live now?');
  return kinds;
}

/** Every property of every shape passed to `loadConfig(shape, …)` outside tests. */
function configVariables(root: string, sources: string[], resolveImports: boolean): Set<string> {
  const callers = sources.filter(
    (file) => !file.endsWith('.spec.ts') && readFileSync(join(root, file), 'utf8').includes('loadConfig('),
  );
  const { program, checker } = typeProgram(root, callers, resolveImports);
  const variables = new Set<string>();
  for (const file of callers) {
    const sourceFile = program.getSourceFile(join(root, file))!;
    visit(sourceFile, (node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'loadConfig') {
        return;
      }
      const [shape] = node.arguments;
      if (!shape) return; // the declaration's own recursive mention, if any
      const properties = checker.getTypeAtLocation(shape).getProperties();
      if (properties.length === 0) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(shape.getStart());
        throw new Error(`${file}:${line + 1}: cannot read the variables of this loadConfig shape`);
      }
      for (const property of properties) variables.add(property.name);
    });
  }
  return variables;
}

/** A program over a few files: alone (fast), or with everything they import resolved as `tsc` would. */
function typeProgram(
  root: string,
  files: string[],
  resolveImports: boolean,
): { program: ts.Program; checker: ts.TypeChecker } {
  const options = resolveImports
    ? repositoryCompilerOptions(root)
    : { noEmit: true, noResolve: true, noLib: true, types: [], strict: true, target: ts.ScriptTarget.ES2022 };
  const program = ts.createProgram(
    files.map((file) => join(root, file)),
    options,
  );
  return { program, checker: program.getTypeChecker() };
}

function repositoryCompilerOptions(root: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('cannot read tsconfig.json');
  return { ...parsed.options, noEmit: true };
}

function namesUsedIn(root: string, sources: string[], scripts: string[]): { all: Set<string>; read: Set<string> } {
  const all = new Set<string>();
  const read = new Set<string>();
  for (const file of sources) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!/[A-Z]_[A-Z0-9]/.test(text)) continue;
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    visit(sourceFile, (node) => {
      const name = nameOf(node);
      if (!name || !UPPER_SNAKE.test(name)) return;
      all.add(name);
      if (readsEnvironment(node)) read.add(name);
    });
  }
  for (const file of scripts) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) all.add(match[0]);
    for (const match of text.matchAll(/\$\{?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)|process\.env\.([A-Z][A-Z0-9_]*)/g)) {
      read.add(match[1] ?? match[2]);
    }
  }
  return { all, read };
}

function nameOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  // Any identifier: a property (`process.env.X`, a shape key) or a constant the docs may name (`NER_MODEL_VERSION`).
  return ts.isIdentifier(node) ? node.text : null;
}

/** `process.env.NAME` or `process.env['NAME']`. */
function readsEnvironment(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const target = ts.isPropertyAccessExpression(parent)
    ? parent.expression
    : ts.isElementAccessExpression(parent)
      ? parent.expression
      : null;
  return target !== null && target.getText() === 'process.env';
}

function visit(node: ts.Node, onNode: (node: ts.Node) => void): void {
  onNode(node);
  ts.forEachChild(node, (child) => visit(child, onNode));
}

function gitFiles(root: string, patterns: string[]): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...patterns], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file && !file.includes('node_modules/') && existsSync(join(root, file)));
}
