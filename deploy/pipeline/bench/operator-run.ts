// `npm run bench:ingest`: what an operator does, timed. `npm start` (the whole pipeline on a fresh embedded stack,
// no demo sources), then `inkstream ingest` of a folder of N generated articles (corpus.ts, as plain-text files),
// while the store is counted every second. Reports the drain rate once the first 1,000 articles are stored (issue
// 11's acceptance: ≥ 50 articles/s) and writes it to docs/benchmarks.md, section "Operator run".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { findFreePorts } from '@inkstream/embedded-stack';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { generateArticles } from './corpus';
import { fmt, loadPool, log, progress, ROOT, runBench } from './harness';

interface Options {
  articles: number;
  /** the rate is measured from this many processed documents on */
  after: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { articles: 3_000, after: 1_000, write: true };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--articles') options.articles = value();
    else if (flag === '--after') options.after = value();
    else if (flag === '--no-write') options.write = false;
    else throw new Error(`unknown option ${argv[i]} (--articles N --after N --no-write)`);
  }
  if (!(options.after < options.articles)) throw new Error('--after must be below --articles');
  return options;
}

/** Waits for a line of the child's output that matches, failing if the child exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      if (!pattern.test(chunk.toString())) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before printing ${pattern}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((done) => child.once('exit', done));
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const work = join(ROOT, '.cache', 'bench-ingest');
  rmSync(work, { recursive: true, force: true });
  const folder = join(work, 'articles');
  mkdirSync(folder, { recursive: true });
  const articles = generateArticles(loadPool(), options.articles);
  for (const article of articles) writeFileSync(join(folder, `${article.key}.txt`), article.text);
  log(`${articles.length} articles written to ${folder}`);

  const [kafkaPort, controllerPort, mongoPort, postgresPort] = await findFreePorts(4);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INKSTREAM_STACK_DIR: join(work, 'stack'),
    INKSTREAM_KAFKA_PORT: String(kafkaPort),
    INKSTREAM_KAFKA_CONTROLLER_PORT: String(controllerPort),
    INKSTREAM_MONGO_PORT: String(mongoPort),
    INKSTREAM_POSTGRES_PORT: String(postgresPort),
    INKSTREAM_DEMO: '0',
    INKSTREAM_PORTS: 'auto',
  };
  delete env.KAFKA_BROKERS;
  delete env.MONGODB_URI;
  const pipeline = spawn('bash', [join(ROOT, 'scripts', 'start.sh')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  pipeline.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const connection = mongoose.createConnection(`mongodb://127.0.0.1:${mongoPort}/inkstream`);
  try {
    await waitForLine(pipeline, /\[inkstream\] ready in/, 300_000);
    await connection.asPromise();
    const processed = async () => {
      const [stored, duplicates] = await Promise.all([
        connection.collection('articles').estimatedDocumentCount(),
        connection.collection('duplicates').estimatedDocumentCount(),
      ]);
      return stored + duplicates;
    };

    const began = Date.now();
    const ingest = spawn(process.execPath, [join(ROOT, 'tools', 'cli', 'bin', 'inkstream.js'), 'ingest', folder], {
      cwd: ROOT,
      env: { ...env, KAFKA_BROKERS: `127.0.0.1:${kafkaPort}` },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const samples: Array<{ at: number; done: number }> = [];
    let published = 0;
    void exited(ingest).then((code) => {
      published = Date.now();
      if (code !== 0) log(`inkstream ingest exited with ${code}`);
    });
    for (let done = 0; done < articles.length;) {
      if (Date.now() - began > 30 * 60_000) throw new Error(`only ${done} of ${articles.length} through in 30 minutes`);
      await sleep(1_000);
      done = await processed();
      samples.push({ at: Date.now(), done });
      progress('processed', done, articles.length, began, 0);
    }
    process.stderr.write('\n');
    const from = samples.find((sample) => sample.done >= options.after) ?? samples[0];
    const to = samples.at(-1) ?? from;
    const rate = (to.done - from.done) / Math.max(0.001, (to.at - from.at) / 1000);
    const total = (to.at - began) / 1000;
    const publishSeconds = published > 0 ? (published - began) / 1000 : NaN;
    log(
      `drained at ${fmt(rate)} articles/s after the first ${options.after}; all ${articles.length} in ${fmt(total)} s`,
    );
    if (options.write) {
      writeDocSection(
        join(ROOT, 'docs', 'benchmarks.md'),
        'Operator run',
        [
          '## Operator run: `npm start`, then `inkstream ingest` (`npm run bench:ingest`)',
          '',
          measuredOn(),
          '',
          `\`npm start\` on a fresh embedded stack (no demo sources), then \`inkstream ingest\` of a folder of ` +
            `${articles.length} plain-text articles generated as for the pipeline benchmark (20 % near-copies). The ` +
            'store (articles + recorded duplicates) is counted every second.',
          '',
          '| measure | value |',
          '|---|---|',
          `| drain rate after the first ${options.after} stored | **${fmt(rate)} articles/s** (target ≥ 50) |`,
          `| all ${articles.length} through | ${fmt(total)} s |`,
          `| \`inkstream ingest\` done publishing | ${fmt(publishSeconds)} s |`,
        ].join('\n'),
      );
    }
  } finally {
    await connection.close().catch(() => undefined);
    pipeline.kill('SIGINT');
    await exited(pipeline);
    rmSync(join(work, 'stack'), { recursive: true, force: true });
  }
}

runBench(main);
